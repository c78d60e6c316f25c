"use strict";
// Session receivers: next available and by id, FIFO within the session, state, lock renewal.
const { withClient, errorOf, receive } = require("./sdk.js");

async function sendToSessions(client, queue, sessions) {
  const messages = sessions.flatMap((sessionId) => [1, 2].map((n) => ({ body: `${sessionId}-${n}`, sessionId })));
  await client.createSender(queue).sendMessages(messages);
}

module.exports = {
  async acceptNextSession(cs, { queue }) {
    return withClient(cs, async (client) => {
      await sendToSessions(client, queue, ["s1"]);
      const receiver = await client.acceptNextSession(queue);
      const messages = await receive(receiver, 2);
      for (const message of messages) await receiver.completeMessage(message);
      const lockedUntilSet = receiver.sessionLockedUntilUtc?.getTime() > Date.now();
      await receiver.close();
      return { sessionId: receiver.sessionId, bodies: messages.map((m) => m.body), lockedUntilSet };
    });
  },

  async acceptSessionById(cs, { queue }) {
    return withClient(cs, async (client) => {
      await sendToSessions(client, queue, ["a", "b"]);
      const receiver = await client.acceptSession(queue, "b");
      const messages = await receive(receiver, 2);
      for (const message of messages) await receiver.completeMessage(message);
      await receiver.close();
      return { sessionId: receiver.sessionId, bodies: messages.map((m) => m.body), sessionIds: messages.map((m) => m.sessionId) };
    });
  },

  async sessionState(cs, { queue }) {
    return withClient(cs, async (client) => {
      await sendToSessions(client, queue, ["st"]);
      const receiver = await client.acceptSession(queue, "st");
      const initial = await receiver.getSessionState();
      await receiver.setSessionState(JSON.stringify({ step: 2 }));
      const state = await receiver.getSessionState();
      await receiver.close();
      return { initial: initial ?? null, state: Buffer.isBuffer(state) ? state.toString("utf8") : state };
    });
  },

  async renewSessionLock(cs, { queue }) {
    return withClient(cs, async (client) => {
      await sendToSessions(client, queue, ["r"]);
      const receiver = await client.acceptSession(queue, "r", { maxAutoLockRenewalDurationInMs: 0 });
      const before = receiver.sessionLockedUntilUtc.getTime();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const renewed = await receiver.renewSessionLock();
      await receiver.close();
      return { before, after: renewed.getTime(), updated: receiver.sessionLockedUntilUtc.getTime() };
    });
  },

  // With no session holding messages, acceptNextSession gives up after the client's timeout.
  async noSessionAvailable(cs, { queue }) {
    const options = { retryOptions: { maxRetries: 0, timeoutInMs: 2000 } };
    return withClient(
      cs,
      async (client) => {
        const started = Date.now();
        const error = await errorOf(() => client.acceptNextSession(queue));
        return { error, elapsedMs: Date.now() - started };
      },
      options,
    );
  },
};
