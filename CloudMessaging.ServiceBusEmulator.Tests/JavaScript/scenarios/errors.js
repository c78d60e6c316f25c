"use strict";
// The service's error conditions, as the SDK raises them.
const { withClient, errorOf } = require("./sdk.js");

const noRetries = { retryOptions: { maxRetries: 0, timeoutInMs: 10000 } };

module.exports = {
  async unknownEntity(cs, { queue }) {
    return withClient(cs, (client) => errorOf(() => client.createSender(queue).sendMessages({ body: "x" })), noRetries);
  },

  async wrongKey(cs, { queue }) {
    const wrong = cs.replace(/SharedAccessKey=[^;]*/, "SharedAccessKey=not-the-key");
    return withClient(wrong, (client) => errorOf(() => client.createSender(queue).sendMessages({ body: "x" })), noRetries);
  },

  async messageTooLarge(cs, { queue }) {
    return withClient(cs, (client) =>
      errorOf(() => client.createSender(queue).sendMessages({ body: Buffer.alloc(2 * 1024 * 1024, 1) })), noRetries);
  },
};
