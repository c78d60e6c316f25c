"use strict";
// subscribe(), scheduling and peeking.
const { withClient, receive } = require("./sdk.js");

function subscribeUntil(receiver, count, options, onMessage = async () => {}) {
  return new Promise((resolve, reject) => {
    const seen = [];
    const subscription = receiver.subscribe(
      {
        async processMessage(message) {
          await onMessage(message);
          seen.push(message);
          if (seen.length === count) {
            subscription.close().then(() => resolve(seen), reject);
          }
        },
        async processError(args) {
          reject(args.error);
        },
      },
      options,
    );
  });
}

module.exports = {
  async subscribeAutoComplete(cs, { queue }) {
    return withClient(cs, async (client) => {
      await client.createSender(queue).sendMessages([{ body: "a" }, { body: "b" }, { body: "c" }]);
      const receiver = client.createReceiver(queue);
      const seen = await subscribeUntil(receiver, 3, { autoCompleteMessages: true });
      // The last auto-complete happens after processMessage returns: wait for the queue to be empty.
      let left = -1;
      for (let i = 0; i < 50 && left !== 0; i++) {
        left = (await receiver.peekMessages(10)).length;
        if (left !== 0) await new Promise((r) => setTimeout(r, 100));
      }
      return { bodies: seen.map((m) => m.body), left };
    });
  },

  async subscribeManualComplete(cs, { queue }) {
    return withClient(cs, async (client) => {
      await client.createSender(queue).sendMessages([{ body: "a" }, { body: "b" }]);
      const receiver = client.createReceiver(queue);
      const seen = await subscribeUntil(receiver, 2, { autoCompleteMessages: false }, (m) =>
        m.body === "a" ? receiver.completeMessage(m) : Promise.resolve(),
      );
      // "b" was neither completed nor abandoned: it stays locked until its lock expires, so peek still shows it.
      const peeked = await receiver.peekMessages(10);
      return { bodies: seen.map((m) => m.body), peeked: peeked.map((m) => m.body) };
    });
  },

  async scheduleAndCancel(cs, { queue }) {
    return withClient(cs, async (client) => {
      const sender = client.createSender(queue);
      // Far enough ahead that scheduling, two peeks and a cancel finish before it even on a loaded machine, so the
      // early receive below really happens before the scheduled time.
      const soon = new Date(Date.now() + 5000);
      const later = new Date(Date.now() + 3600000);
      const [kept] = await sender.scheduleMessages({ body: "kept" }, soon);
      const [cancelled] = await sender.scheduleMessages({ body: "cancelled" }, later);
      const receiver = client.createReceiver(queue, { receiveMode: "receiveAndDelete" });
      // Each peek without a start goes on after the last one, so both start from the first scheduled message.
      const peekedBefore = await receiver.peekMessages(10, { fromSequenceNumber: kept });
      await sender.cancelScheduledMessages(cancelled);
      const peekedAfter = await receiver.peekMessages(10, { fromSequenceNumber: kept });
      const earlyFrom = Date.now();
      const early = await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 });
      const [arrived] = await receive(receiver, 1, 20000);
      return {
        sequenceNumbers: [kept.toString(), cancelled.toString()],
        statesBefore: peekedBefore.map((m) => m.state),
        peekedAfter: peekedAfter.map((m) => m.body),
        early: early.length,
        earlyCheckedInTime: earlyFrom + 200 < soon.getTime(),
        arrived: arrived?.body,
        notBefore: arrived ? Date.now() >= soon.getTime() - 50 : null,
      };
    });
  },

  async peek(cs, { queue }) {
    return withClient(cs, async (client) => {
      await client.createSender(queue).sendMessages([1, 2, 3, 4, 5].map((body) => ({ body })));
      const receiver = client.createReceiver(queue);
      const firstTwo = await receiver.peekMessages(2);
      const nextTwo = await receiver.peekMessages(2);
      const fromStart = await receiver.peekMessages(10, { fromSequenceNumber: firstTwo[0].sequenceNumber });
      return {
        firstTwo: firstTwo.map((m) => m.body),
        nextTwo: nextTwo.map((m) => m.body),
        fromStart: fromStart.map((m) => m.body),
        deliveryCounts: fromStart.map((m) => m.deliveryCount),
        lockTokens: fromStart.filter((m) => m.lockToken).length,
      };
    });
  },
};
