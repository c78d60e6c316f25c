"use strict";
// Misbehaving AMQP peers (raw rhea): each mistake is refused on its own link or connection, and the emulator keeps
// serving: every scenario ends with a message sent and accepted, on the same connection when it survived.
const { withRawClient, RawClient, once, errorOf } = require("./amqp.js");
// rhea's frame encoder, to write a frame its link state would not allow.
const frames = require("rhea/lib/frames");

module.exports = {
  async unknownAddress(cs, { queue }) {
    return withRawClient(cs, async (client) => {
      await client.authorize("no-such-queue");
      await client.authorize(queue);
      const attach = await client.attachReceiver({ source: { address: "no-such-queue" } });
      return { attach: attach.outcome, error: attach.error, after: await client.send(queue) };
    });
  },

  async noSource(cs, { queue }) {
    return withRawClient(cs, async (client) => {
      await client.authorize(queue);
      const attach = await client.attachReceiver({ source: null });
      return { attach: attach.outcome, error: attach.error, after: await client.send(queue) };
    });
  },

  // rcv-settle-mode "second" on a sender: the broker would have to wait for the sender to settle before it settles.
  async unsupportedSettleMode(cs, { queue }) {
    return withRawClient(cs, async (client) => {
      await client.authorize(queue);
      const attach = await client.attachSender({ target: { address: queue }, rcv_settle_mode: 1 });
      return { attach: attach.outcome, error: attach.error, after: await client.send(queue) };
    });
  },

  // This client ignores the negotiated 64 kB frame size and sends a 200 kB message in one frame. Microsoft.Azure.Amqp
  // drops such a connection (no close frame); a connection opened before it keeps working.
  async frameTooLarge(cs, { queue }) {
    return withRawClient(cs, async (other) => {
      await other.authorize(queue);
      const big = await new RawClient(cs).open();
      await big.authorize(queue);
      const { sender } = await big.attachSender({ target: { address: queue } });
      big.connection.remote.open.max_frame_size = 1024 * 1024; // rhea splits transfers by the peer's open
      sender.send({ body: Buffer.alloc(200 * 1024, 7) });
      const { event } = await once(big.connection, ["connection_close", "disconnected"]);
      const error = errorOf(big.connection.remote?.close);
      big.close();
      return { connection: event, error, after: await other.send(queue) };
    });
  },

  // A transfer on a handle that was detached: the session is ended with an error, the connection stays usable.
  async transferOnClosedLink(cs, { queue }) {
    return withRawClient(cs, async (client) => {
      await client.authorize(queue);
      const { sender } = await client.attachSender({ target: { address: queue } });
      const session = sender.session;
      const handle = sender.local.handle;
      sender.close();
      await once(sender, ["sender_close"]);
      session.output(
        frames.transfer({ handle, delivery_id: 1000, delivery_tag: Buffer.from([1]), message_format: 0, settled: false }),
        Buffer.from([0x00, 0x53, 0x77, 0xa1, 0x01, 0x78]),
      );
      const { event } = await once(session, ["session_close", "session_error"]);
      const error = errorOf(session.remote?.end) ?? errorOf(session);
      return { session: event, error, connectionOpen: client.connection.is_open(), after: await client.send(queue) };
    });
  },
};

// What the request/response nodes advertise to a peer that has not authenticated: finite credit and message size.
module.exports.nodeLimits = async function nodeLimits(cs) {
  return withRawClient(cs, async (client) => {
    const { sender } = await client.attachSender({ target: { address: "$cbs" } });
    return { cbsCredit: sender.credit, cbsMaxMessageSize: sender.remote.attach.max_message_size };
  });
};

// A link attached under a token signed to expire in a few seconds, never renewed: the emulator detaches it.
module.exports.tokenExpiry = async function tokenExpiry(cs, { queue, validForSeconds }) {
  return withRawClient(cs, async (client) => {
    const { sasToken } = require("./amqp.js");
    const status = await client.putToken(`sb://${client.settings.host}/${queue}`, sasToken(client.settings, validForSeconds));
    const started = Date.now();
    const { receiver, outcome } = await client.attachReceiver({ source: { address: queue } });
    await once(receiver, ["receiver_close", "receiver_error"], (validForSeconds + 10) * 1000);
    return { status, attach: outcome, error: errorOf(receiver.remote?.detach), detachedAfterMs: Date.now() - started };
  });
};
