using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

[Trait("Category", "JavaScript")]
public sealed class JsSdkTopicTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Sql_and_correlation_rules_created_by_the_sdk_route_and_the_action_applies()
    {
        var topic = fixture.CreateTopic("js-filters", new SubscriptionDefinition { Name = "sql" }, new SubscriptionDefinition { Name = "corr" });

        var result = await JsScenario.RunAsync(
            "topics/filtersAndActions", fixture.ConnectionString, new { topic, sqlSubscription = "sql", correlationSubscription = "corr" });

        Assert.Equal("""[{"body":"big-us","tier":"gold"},{"body":"big-eu-invoice","tier":"gold"}]""", result.GetProperty("sql").GetRawText());
        Assert.Equal(["small-eu"], result.GetProperty("correlation").Strings());
    }

    [Fact]
    public async Task The_rule_manager_creates_lists_and_deletes_rules()
    {
        var topic = fixture.CreateTopic("js-rules", new SubscriptionDefinition { Name = "s" });

        var result = await JsScenario.RunAsync("topics/ruleManager", fixture.ConnectionString, new { topic, subscription = "s" });

        Assert.Equal(["$Default"], result.GetProperty("initial").Strings());
        Assert.Equal(["$Default", "corr", "sql"], result.GetProperty("created").Strings());
        Assert.Equal("color = 'red'", result.GetProperty("sqlFilter").GetString());
        Assert.Equal("SET seen = true", result.GetProperty("sqlAction").GetString());
        Assert.Equal("c-1", result.GetProperty("correlationId").GetString());
        Assert.Equal("s", result.GetProperty("correlationSubject").GetString());
        Assert.Equal(["$Default", "corr"], result.GetProperty("afterDelete").Strings());
    }
}
