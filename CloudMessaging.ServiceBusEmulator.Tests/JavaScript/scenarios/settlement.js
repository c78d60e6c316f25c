"use strict";
// Peek-lock settlement, receive-and-delete, deferral, lock renewal and the prompt empty receive.
const { withClient, errorOf, receive } = require("./sdk.js");

async function sendAndReceiveOne(client, queue, body = "settle me", receiverOptions = {}) {
  await client.createSender(queue).sendMessages({ body, messageId: body });
  const receiver = client.createReceiver(queue, receiverOptions);
  const [message] = await receive(receiver, 1);
  if (!message) throw new Error("Nothing was received.");
  return { receiver, message };
}

module.exports = {
  async complete(cs, { queue }) {
    return withClient(cs, async (client) => {
      const { receiver, message } = await sendAndReceiveOne(client, queue);
      await receiver.completeMessage(message);
      const peeked = await receiver.peekMessages(10);
      return { completed: message.body, remaining: peeked.length };
    });
  },

  async abandon(cs, { queue }) {
    return withClient(cs, async (client) => {
      const { receiver, message } = await sendAndReceiveOne(client, queue);
      await receiver.abandonMessage(message, { abandonedBy: "js" });
      const [again] = await receive(receiver, 1);
      await receiver.completeMessage(again);
      return {
        first: message.deliveryCount,
        second: again.deliveryCount,
        sameMessage: again.messageId === message.messageId,
        modifiedProperty: again.applicationProperties?.abandonedBy,
      };
    });
  },

  async deadLetter(cs, { queue }) {
    return withClient(cs, async (client) => {
      const { receiver, message } = await sendAndReceiveOne(client, queue);
      await receiver.deadLetterMessage(message, { deadLetterReason: "bad", deadLetterErrorDescription: "very bad" });
      const dlq = client.createReceiver(queue, { subQueueType: "deadLetter" });
      const [dead] = await receive(dlq, 1);
      await dlq.completeMessage(dead);
      return { messageId: dead?.messageId, reason: dead?.deadLetterReason, description: dead?.deadLetterErrorDescription };
    });
  },

  async deferAndReceiveDeferred(cs, { queue }) {
    return withClient(cs, async (client) => {
      const { receiver, message } = await sendAndReceiveOne(client, queue);
      await receiver.deferMessage(message);
      const nothing = await receiver.receiveMessages(1, { maxWaitTimeInMs: 500 });
      const [deferred] = await receiver.receiveDeferredMessages(message.sequenceNumber);
      await receiver.completeMessage(deferred);
      const left = await receiver.peekMessages(10);
      return { receivedWhileDeferred: nothing.length, deferredBody: deferred?.body, state: deferred?.state, left: left.length };
    });
  },

  async receiveAndDelete(cs, { queue }) {
    return withClient(cs, async (client) => {
      await client.createSender(queue).sendMessages([{ body: 1 }, { body: 2 }, { body: 3 }]);
      const receiver = client.createReceiver(queue, { receiveMode: "receiveAndDelete" });
      const received = await receive(receiver, 3);
      const left = await receiver.peekMessages(10);
      return { bodies: received.map((m) => m.body), lockTokens: received.filter((m) => m.lockToken).length, left: left.length };
    });
  },

  async emptyReceive(cs, { queue }) {
    return withClient(cs, async (client) => {
      const receiver = client.createReceiver(queue);
      await receiver.peekMessages(1); // opens the connection and CBS first, so only the receive is timed
      const started = Date.now();
      const messages = await receiver.receiveMessages(5, { maxWaitTimeInMs: 1000 });
      return { count: messages.length, elapsedMs: Date.now() - started };
    });
  },

  async renewLock(cs, { queue }) {
    return withClient(cs, async (client) => {
      const { receiver, message } = await sendAndReceiveOne(client, queue);
      const before = message.lockedUntilUtc.getTime();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const renewed = await receiver.renewMessageLock(message);
      await receiver.completeMessage(message);
      return { before, after: renewed.getTime(), updated: message.lockedUntilUtc.getTime() };
    });
  },

  // The queue's lock is short and the SDK's automatic renewal is off: wait until the lock has passed, then settle.
  async completeAfterLockLoss(cs, { queue }) {
    return withClient(cs, async (client) => {
      const { receiver, message } = await sendAndReceiveOne(client, queue, "late", { maxAutoLockRenewalDurationInMs: 0 });
      const waitMs = message.lockedUntilUtc.getTime() - Date.now() + 300;
      await new Promise((resolve) => setTimeout(resolve, Math.max(waitMs, 0)));
      return errorOf(() => receiver.completeMessage(message));
    });
  },
};
