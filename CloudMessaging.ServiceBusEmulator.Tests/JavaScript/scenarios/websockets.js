"use strict";
// The SDK over WebSockets. @azure/core-amqp always builds a wss:// address (ConnectionContextBase: `wss://${host}:${port}/...`),
// even with UseDevelopmentEmulator=true, so a constructor that connects to the same address over plain ws is given.
const WebSocket = require("ws");
const { withClient, receive } = require("./sdk.js");

class PlainWebSocket extends WebSocket {
  constructor(url, protocols, options) {
    super(url.replace(/^wss:/, "ws:"), protocols, options);
  }
}

module.exports = {
  async sendReceive(cs, { queue }) {
    const webSocketOptions = { webSocket: PlainWebSocket, webSocketEndpointPath: "$servicebus/websocket/" };
    return withClient(
      cs,
      async (client) => {
        await client.createSender(queue).sendMessages({ body: "over websockets" });
        const receiver = client.createReceiver(queue);
        const [message] = await receive(receiver, 1);
        await receiver.completeMessage(message);
        return { body: message?.body, left: (await receiver.peekMessages(10)).length };
      },
      { webSocketOptions },
    );
  },
};
