using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using static CloudMessaging.ServiceBusEmulator.Tests.Conformance.TopicSubscriptions;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>ServiceBusRuleManager against a subscription's $management node: changes apply to messages sent afterwards.</summary>
public sealed class TopicsRuleManagerTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Rules_created_and_deleted_at_run_time_apply_to_later_messages()
    {
        var topic = fixture.CreateTopic("rules", All("s"));
        await using var ruleManager = fixture.Client.CreateRuleManager(topic, "s");
        await using var sender = fixture.Client.CreateSender(topic);
        await using var receiver = fixture.Client.CreateReceiver(topic, "s", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        var initial = await RulesAsync(ruleManager);
        Assert.Equal("$Default", Assert.Single(initial).Name);
        Assert.IsType<TrueRuleFilter>(initial[0].Filter);

        await ruleManager.DeleteRuleAsync("$Default");
        await ruleManager.CreateRuleAsync(new CreateRuleOptions("red", new SqlRuleFilter("color = 'red'")) { Action = new SqlRuleAction("SET seen = 1") });
        await ruleManager.CreateRuleAsync("blue", new CorrelationRuleFilter { Subject = "paint", ApplicationProperties = { ["color"] = "blue" } });

        var rules = await RulesAsync(ruleManager);
        Assert.Equal(["red", "blue"], rules.Select(r => r.Name));
        Assert.Equal("color = 'red'", Assert.IsType<SqlRuleFilter>(rules[0].Filter).SqlExpression);
        Assert.Equal("SET seen = 1", Assert.IsType<SqlRuleAction>(rules[0].Action).SqlExpression);
        var correlation = Assert.IsType<CorrelationRuleFilter>(rules[1].Filter);
        Assert.Equal("paint", correlation.Subject);
        Assert.Equal("blue", correlation.ApplicationProperties["color"]);

        await sender.SendMessageAsync(new ServiceBusMessage("red") { ApplicationProperties = { ["color"] = "red" } });
        await sender.SendMessageAsync(new ServiceBusMessage("green") { ApplicationProperties = { ["color"] = "green" } });
        await sender.SendMessageAsync(new ServiceBusMessage("blue") { Subject = "paint", ApplicationProperties = { ["color"] = "blue" } });

        var received = await TopicsRoutingTests.ReceiveAsync(receiver, 2);
        Assert.Equal(["red", "blue"], received.Select(m => m.Body.ToString()));
        Assert.Equal(1L, received[0].ApplicationProperties["seen"]);
        Assert.Empty(await receiver.ReceiveMessagesAsync(5, TimeSpan.FromMilliseconds(300)));

        await ruleManager.DeleteRuleAsync("red");
        await ruleManager.DeleteRuleAsync("BLUE");
        Assert.Empty(await RulesAsync(ruleManager));
        await sender.SendMessageAsync(new ServiceBusMessage("red again") { ApplicationProperties = { ["color"] = "red" } });
        Assert.Empty(await receiver.ReceiveMessagesAsync(5, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Enumerate_rules_pages_through_many_rules()
    {
        var topic = fixture.CreateTopic("manyrules", All("s"));
        await using var ruleManager = fixture.Client.CreateRuleManager(topic, "s");
        for (var i = 0; i < 120; i++)
        {
            await ruleManager.CreateRuleAsync($"r{i:D3}", new SqlRuleFilter($"n = {i}"));
        }

        var rules = await RulesAsync(ruleManager);
        Assert.Equal(121, rules.Count);
        Assert.Equal(121, rules.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public async Task A_rule_that_does_not_parse_is_refused_with_a_message_naming_the_problem_and_the_server_goes_on()
    {
        var topic = fixture.CreateTopic("badrule", All("s"));
        await using var client = fixture.CreateClient(new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0 } });
        await using var ruleManager = client.CreateRuleManager(topic, "s");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => ruleManager.CreateRuleAsync("broken", new SqlRuleFilter("color = 'red' AND")));
        Assert.Contains("Rule 'broken'", error.Message);
        Assert.Contains("position", error.Message);

        var badAction = await Assert.ThrowsAsync<ServiceBusException>(() => ruleManager.CreateRuleAsync(
            new CreateRuleOptions("badaction", new TrueRuleFilter()) { Action = new SqlRuleAction("SET = 1") }));
        Assert.Contains("Rule 'badaction'", badAction.Message);

        Assert.Equal(["$Default"], (await RulesAsync(ruleManager)).Select(r => r.Name));
        await using var sender = client.CreateSender(topic);
        await sender.SendMessageAsync(new ServiceBusMessage("still served"));
        await using var receiver = client.CreateReceiver(topic, "s");
        Assert.Equal("still served", (await receiver.ReceiveMessageAsync(Wait)).Body.ToString());
    }

    [Fact]
    public async Task A_duplicate_rule_name_and_a_missing_rule_give_the_service_errors()
    {
        var topic = fixture.CreateTopic("ruleerrors", All("s"));
        await using var ruleManager = fixture.Client.CreateRuleManager(topic, "s");
        await ruleManager.CreateRuleAsync("only", new SqlRuleFilter("a = 1"));

        var duplicate = await Assert.ThrowsAsync<ServiceBusException>(() => ruleManager.CreateRuleAsync("ONLY", new SqlRuleFilter("a = 2")));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityAlreadyExists, duplicate.Reason);

        var missing = await Assert.ThrowsAsync<ServiceBusException>(() => ruleManager.DeleteRuleAsync("nope"));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, missing.Reason);

        Assert.Equal(["$Default", "only"], (await RulesAsync(ruleManager)).Select(r => r.Name));
    }

    private static async Task<List<RuleProperties>> RulesAsync(ServiceBusRuleManager ruleManager)
    {
        var rules = new List<RuleProperties>();
        await foreach (var rule in ruleManager.GetRulesAsync())
        {
            rules.Add(rule);
        }

        return rules;
    }
}
