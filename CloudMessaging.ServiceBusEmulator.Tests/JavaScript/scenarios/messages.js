"use strict";
// Sending and receiving: every body and property type round-trips, sent one by one, as an array and as a batch.
const { withClient, typeOf, toJson } = require("./sdk.js");

const when = new Date("2024-05-06T07:08:09.010Z");
const bodies = [
  { json: { order: 42, lines: ["a", "b"], nested: { ok: true } } },
  "plain text",
  12.5,
  true,
  when,
  Buffer.from([0, 1, 2, 250, 255]),
];
const applicationProperties = { text: "t", integer: 7, double: 1.5, negative: -3, flag: false, date: when };

function outgoing() {
  const messages = bodies.map((body, i) => ({
    body,
    messageId: `m-${i}`,
    correlationId: `c-${i}`,
    subject: "subject",
    contentType: "application/x-test",
    to: "somewhere",
    replyTo: "replies",
    timeToLive: 600000,
    applicationProperties,
  }));
  // Raw AMQP bodies: an amqp-value and an amqp-sequence section.
  messages.push({ body: { kind: "value", list: [1, "two"] }, bodyType: "value", messageId: "m-value" });
  messages.push({ body: [[1, 2], ["three"]], bodyType: "sequence", messageId: "m-sequence" });
  return messages.map((m) => (m.bodyType ? { bodyType: m.bodyType, body: m.body, properties: { messageId: m.messageId } } : m));
}

// What the SDK itself hands back for a sent message: a Date body was JSON-encoded, so it comes back as its ISO text.
function expected(message) {
  if (message.bodyType) {
    return { messageId: message.properties.messageId, body: message.body, bodyType: message.bodyType };
  }
  const isDate = message.body instanceof Date;
  return describe(message, isDate ? message.body.toISOString() : toJson(message.body), isDate ? "string" : typeOf(message.body));
}

function actual(message, sent) {
  if (sent.bodyType) {
    const raw = message._rawAmqpMessage;
    // The SDK hands a sequence body back as rhea decodes it locally too: still wrapped in its section.
    const body = raw.bodyType === "sequence" && raw.body?.content ? raw.body.content : raw.body;
    return { messageId: message.messageId, body, bodyType: raw.bodyType };
  }
  return describe(message, toJson(message.body), typeOf(message.body));
}

function describe(message, body, bodyType) {
  const { messageId, correlationId, subject, contentType, to, replyTo, timeToLive } = message;
  return {
    messageId, correlationId, subject, contentType, to, replyTo, timeToLive, body, bodyType,
    applicationProperties: describeProperties(message.applicationProperties),
  };
}

function describeProperties(properties) {
  return Object.fromEntries(Object.entries(properties ?? {}).map(([k, v]) => [k, { type: typeOf(v), value: toJson(v) }]));
}

async function roundTrip(connectionString, queue, send) {
  return withClient(connectionString, async (client) => {
    const sent = outgoing();
    await send(client.createSender(queue), sent);
    // skipConvertingDate keeps timestamps as Dates, so their AMQP type is checked too.
    const receiver = client.createReceiver(queue, { receiveMode: "receiveAndDelete", skipConvertingDate: true });
    const received = [];
    while (received.length < sent.length) {
      const batch = await receiver.receiveMessages(sent.length - received.length, { maxWaitTimeInMs: 5000 });
      if (batch.length === 0) break;
      received.push(...batch);
    }

    const mismatches = [];
    sent.forEach((message, i) => {
      const want = expected(message);
      const got = received[i] ? actual(received[i], message) : null;
      if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push({ want, got });
    });
    return { sent: sent.length, received: received.length, mismatches };
  });
}

module.exports = {
  async sendOneByOne(cs, { queue }) {
    return roundTrip(cs, queue, async (sender, messages) => {
      for (const message of messages) await sender.sendMessages(message);
    });
  },
  async sendArray(cs, { queue }) {
    return roundTrip(cs, queue, (sender, messages) => sender.sendMessages(messages));
  },
  async sendBatch(cs, { queue }) {
    return roundTrip(cs, queue, async (sender, messages) => {
      const batch = await sender.createMessageBatch();
      for (const message of messages) {
        if (!batch.tryAddMessage(message)) throw new Error("The batch is full.");
      }
      await sender.sendMessages(batch);
    });
  },
};
