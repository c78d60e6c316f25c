"use strict";
// Shared helpers for the @azure/service-bus scenarios.
const { ServiceBusClient } = require("@azure/service-bus");

const retryOptions = { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: 10000 };

/** Opens a client, runs the body, and always closes the client (the process exits only when it is closed). */
async function withClient(connectionString, body, options = {}) {
  const client = new ServiceBusClient(connectionString, { retryOptions, ...options });
  try {
    return await body(client);
  } finally {
    await client.close();
  }
}

/** Runs the body and returns the error it throws as {name, code, message}, or null when it does not throw. */
async function errorOf(body) {
  try {
    await body();
    return null;
  } catch (error) {
    return { name: error?.name, code: error?.code, message: String(error?.message ?? error) };
  }
}

/** Receives up to count messages, waiting at most waitMs for each batch. */
async function receive(receiver, count, waitMs = 5000) {
  const received = [];
  while (received.length < count) {
    const batch = await receiver.receiveMessages(count - received.length, { maxWaitTimeInMs: waitMs });
    if (batch.length === 0) break;
    received.push(...batch);
  }
  return received;
}

function typeOf(value) {
  if (value === null || value === undefined) return String(value);
  if (Buffer.isBuffer(value)) return "Buffer";
  if (value instanceof Date) return "Date";
  if (Array.isArray(value)) return "Array";
  return typeof value;
}

function toJson(value) {
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

module.exports = { withClient, errorOf, receive, typeOf, toJson, retryOptions };
