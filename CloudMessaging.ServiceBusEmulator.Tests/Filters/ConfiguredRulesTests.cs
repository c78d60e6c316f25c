using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Messages;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

/// <summary>Rules read from an official-format Config.json, compiled and evaluated as the broker will.</summary>
public sealed class ConfiguredRulesTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Configuration", "TestData", "official-shape.json");

    [Fact]
    public void An_order_reaches_every_subscription_of_the_sample_topic_as_configured()
    {
        var topic = Assert.Single(EmulatorConfigLoader.Load(SamplePath).Topics);
        var ruleSets = topic.Subscriptions.ToDictionary(subscription => subscription.Name, subscription => new SubscriptionRuleSet(subscription.Rules));
        var order = new DictionaryRuleMessage()
            .With(SystemProperty.Label, "order-placed")
            .With(SystemProperty.ContentType, "application/json")
            .With("region", "eu")
            .With("priority", 2)
            .With("weight", 0.75f)
            .With("express", true)
            .With("total", 150);

        var deliveries = ruleSets.ToDictionary(entry => entry.Key, entry => entry.Value.Evaluate(order));

        Assert.Same(order, Assert.Single(deliveries["subscription.1"]).Message);
        Assert.Same(order, Assert.Single(deliveries["subscription.2"]).Message);
        Assert.Same(order, Assert.Single(deliveries["subscription.3"]).Message);
        var gold = Assert.Single(deliveries["subscription.4"]);
        Assert.Equal("large-orders", gold.ActionRuleName);
        Assert.Equal("gold", ((DictionaryRuleMessage)gold.Message).ApplicationProperties["tier"]);
    }

    [Fact]
    public void A_small_text_order_reaches_only_the_default_subscription()
    {
        var topic = Assert.Single(EmulatorConfigLoader.Load(SamplePath).Topics);
        var order = new DictionaryRuleMessage()
            .With(SystemProperty.Label, "order-placed")
            .With(SystemProperty.ContentType, "text/plain")
            .With("region", "us")
            .With("total", 20);

        var receiving = topic.Subscriptions.Where(subscription => new SubscriptionRuleSet(subscription.Rules).Evaluate(order).Count > 0).Select(subscription => subscription.Name);

        Assert.Equal(["subscription.3"], receiving);
    }

    [Fact]
    public void A_configured_sql_filter_that_does_not_parse_names_the_rule_and_the_position()
    {
        const string json = """
            {
              "UserConfig": {
                "Namespaces": [ { "Name": "sbemulatorns", "Queues": [], "Topics": [ {
                  "Name": "orders", "Properties": {},
                  "Subscriptions": [ { "Name": "audit", "Properties": {}, "Rules": [ {
                    "Name": "broken", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "total > 100 AND" } } } ] } ] } ] } ],
                "Logging": { "Type": "Console" }
              }
            }
            """;
        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfigLoader.Parse(json));

        Assert.Equal("$.UserConfig.Namespaces[0].Topics[0].Subscriptions[0].Rules[0].Properties", error.JsonPath);
        Assert.Equal("Rule 'broken' has an invalid SQL filter: Unexpected end of expression at position 15.", error.Problem);
    }
}
