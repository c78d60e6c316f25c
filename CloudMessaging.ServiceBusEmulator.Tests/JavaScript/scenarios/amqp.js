"use strict";
// Plain AMQP 1.0 with rhea, no SDK: a connection that authenticates through $cbs and opens links by hand.
const crypto = require("node:crypto");
const rhea = require("rhea");

function parseConnectionString(connectionString) {
  const parts = Object.fromEntries(
    connectionString.split(";").filter(Boolean).map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]),
  );
  const endpoint = new URL(parts.Endpoint);
  return { host: endpoint.hostname, port: Number(endpoint.port || 5672), keyName: parts.SharedAccessKeyName, key: parts.SharedAccessKey };
}

/** A SAS token for the whole namespace, valid for validForSeconds. */
function sasToken({ host, keyName, key }, validForSeconds) {
  const resource = encodeURIComponent(`sb://${host}/`);
  const expiry = Math.floor(Date.now() / 1000) + validForSeconds;
  const signature = crypto.createHmac("sha256", key).update(`${resource}\n${expiry}`).digest("base64");
  return `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(signature)}&se=${expiry}&skn=${keyName}`;
}

/** Waits for the first of the events on the emitter; rejects after timeoutMs. */
function once(emitter, events, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const handlers = {};
    const timer = setTimeout(() => finish(() => reject(new Error(`None of ${events.join(", ")} within ${timeoutMs} ms.`))), timeoutMs);
    function finish(action) {
      clearTimeout(timer);
      for (const [event, handler] of Object.entries(handlers)) emitter.removeListener(event, handler);
      action();
    }
    for (const event of events) {
      handlers[event] = (context) => finish(() => resolve({ event, context }));
      emitter.on(event, handlers[event]);
    }
  });
}

function errorOf(endpoint) {
  const error = endpoint?.error;
  return error ? { condition: error.condition, description: error.description } : null;
}

// A refused attach is answered by an attach without source or target, then at once a detach with the error, so
// both events are listened for from the start.
async function attachOutcome(link, role, openedEvent) {
  const closed = once(link, [`${role}_close`, `${role}_error`]).catch(() => null);
  const { event } = await once(link, [openedEvent, `${role}_close`, `${role}_error`]);
  const attach = link.remote?.attach;
  const terminus = role === "sender" ? attach?.target : attach?.source;
  if (event === openedEvent && terminus?.address && !link.remote?.detach) return { outcome: "opened", error: null };
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
  return { outcome: "refused", error: errorOf(link.remote?.detach) ?? errorOf(link) };
}

class RawClient {
  constructor(connectionString, connectionOptions = {}) {
    this.settings = parseConnectionString(connectionString);
    this.container = rhea.create_container();
    this.connectionOptions = connectionOptions;
    this.requests = 0;
  }

  async open() {
    const { host, port, keyName } = this.settings;
    this.connection = this.container.connect({ host, port, hostname: host, username: keyName, reconnect: false, ...this.connectionOptions });
    // Errors are read from the events' endpoints; without these listeners rhea would throw them.
    this.connection.on("error", () => {});
    this.connection.on("connection_error", () => {});
    this.connection.on("session_error", () => {});
    this.connection.on("sender_error", () => {});
    this.connection.on("receiver_error", () => {});
    await once(this.connection, ["connection_open"]);
    return this;
  }

  /** Puts a token on $cbs and returns the status code of the answer. */
  async putToken(audience, token) {
    if (!this.cbs) {
      const replyTo = `cbs-reply-${crypto.randomUUID()}`;
      const receiver = this.connection.open_receiver({ name: replyTo, source: { address: "$cbs" }, credit_window: 10 });
      const sender = this.connection.open_sender({ target: { address: "$cbs" } });
      await Promise.all([once(receiver, ["receiver_open"]), once(sender, ["sendable"])]);
      this.cbs = { receiver, sender, replyTo };
    }
    const messageId = `put-${++this.requests}`;
    const answer = once(this.cbs.receiver, ["message"]);
    this.cbs.sender.send({
      message_id: messageId,
      reply_to: this.cbs.replyTo,
      application_properties: { operation: "put-token", name: audience, type: "servicebus.windows.net:sastoken" },
      body: token,
    });
    const { context } = await answer;
    return context.message.application_properties["status-code"];
  }

  async authorize(entity, validForSeconds = 600) {
    return this.putToken(`sb://${this.settings.host}/${entity}`, sasToken(this.settings, validForSeconds));
  }

  /** Opens a sender and returns how its attach ended: opened, or refused with the error. */
  async attachSender(options) {
    const sender = this.connection.open_sender(options);
    return { sender, ...(await attachOutcome(sender, "sender", "sendable")) };
  }

  async attachReceiver(options) {
    const receiver = this.connection.open_receiver({ credit_window: 0, ...options });
    return { receiver, ...(await attachOutcome(receiver, "receiver", "receiver_open")) };
  }

  /** Sends one message on a new sender link and returns the outcome the broker settled it with. */
  async send(queue, body = "after the error") {
    const { sender, error } = await this.attachSender({ target: { address: queue } });
    if (error) return { outcome: "refused", error };
    const delivery = sender.send({ body });
    const { event } = await once(sender, ["accepted", "rejected", "released", "modified"]);
    sender.close();
    return { outcome: event, settled: delivery.remote_settled };
  }

  close() {
    if (this.connection && !this.connection.is_closed()) this.connection.close();
  }
}

async function withRawClient(connectionString, body, options) {
  const client = await new RawClient(connectionString, options).open();
  try {
    return await body(client);
  } finally {
    client.close();
  }
}

module.exports = { RawClient, withRawClient, once, errorOf, sasToken, parseConnectionString };
