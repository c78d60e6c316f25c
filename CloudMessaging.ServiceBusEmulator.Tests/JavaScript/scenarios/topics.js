"use strict";
// Topics: SQL and correlation filters, a SQL action, and the rule manager.
const { withClient, receive } = require("./sdk.js");

async function drain(client, topic, subscription) {
  const receiver = client.createReceiver(topic, subscription, { receiveMode: "receiveAndDelete" });
  const messages = await receive(receiver, 10, 1000);
  await receiver.close();
  return messages;
}

async function replaceRules(ruleManager, rules) {
  for (const rule of await ruleManager.getRules()) await ruleManager.deleteRule(rule.name);
  for (const rule of rules) await ruleManager.createRule(rule.name, rule.filter, rule.action);
}

module.exports = {
  async filtersAndActions(cs, { topic, sqlSubscription, correlationSubscription }) {
    return withClient(cs, async (client) => {
      await replaceRules(client.createRuleManager(topic, sqlSubscription), [
        { name: "big", filter: { sqlExpression: "amount > 100" }, action: { sqlExpression: "SET tier = 'gold'" } },
      ]);
      await replaceRules(client.createRuleManager(topic, correlationSubscription), [
        { name: "eu", filter: { subject: "order", applicationProperties: { region: "eu" } } },
      ]);
      await client.createSender(topic).sendMessages([
        { body: "small-eu", subject: "order", applicationProperties: { amount: 5, region: "eu" } },
        { body: "big-us", subject: "order", applicationProperties: { amount: 500, region: "us" } },
        { body: "big-eu-invoice", subject: "invoice", applicationProperties: { amount: 900, region: "eu" } },
      ]);
      const sql = await drain(client, topic, sqlSubscription);
      const correlation = await drain(client, topic, correlationSubscription);
      return {
        sql: sql.map((m) => ({ body: m.body, tier: m.applicationProperties?.tier ?? null })),
        correlation: correlation.map((m) => m.body),
      };
    });
  },

  async ruleManager(cs, { topic, subscription }) {
    return withClient(cs, async (client) => {
      const rules = client.createRuleManager(topic, subscription);
      const initial = (await rules.getRules()).map((r) => r.name);
      await rules.createRule("sql", { sqlExpression: "color = 'red'" }, { sqlExpression: "SET seen = true" });
      await rules.createRule("corr", { correlationId: "c-1", subject: "s" });
      const created = await rules.getRules();
      await rules.deleteRule("sql");
      const afterDelete = (await rules.getRules()).map((r) => r.name);
      const byName = Object.fromEntries(created.map((r) => [r.name, r]));
      return {
        initial,
        created: created.map((r) => r.name).sort(),
        sqlFilter: byName.sql?.filter?.sqlExpression,
        sqlAction: byName.sql?.action?.sqlExpression,
        correlationId: byName.corr?.filter?.correlationId,
        correlationSubject: byName.corr?.filter?.subject,
        afterDelete: afterDelete.sort(),
      };
    });
  },
};
