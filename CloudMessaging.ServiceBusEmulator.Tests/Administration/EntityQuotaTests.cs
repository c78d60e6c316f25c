using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using CloudMessaging.ServiceBusEmulator.Administration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

public sealed class EntityQuotaTests
{
    [Fact]
    public async Task Creates_beyond_the_entity_quotas_give_403_QuotaExceeded()
    {
        await using var emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            AdministrationLimits = new AdministrationLimits { MaxQueuesAndTopics = 2, MaxSubscriptionsPerTopic = 1, MaxRulesPerSubscription = 2 },
        });
        var admin = AdministrationFixture.CreateAdmin(emulator.ConnectionString);
        await admin.CreateQueueAsync("q");
        await admin.CreateTopicAsync("t");
        await admin.CreateSubscriptionAsync("t", "s");
        await admin.CreateRuleAsync("t", "s", new CreateRuleOptions("second", new SqlRuleFilter("a = 1")));

        await AssertQuotaExceeded(() => admin.CreateQueueAsync("one-too-many"));
        await AssertQuotaExceeded(() => admin.CreateTopicAsync("one-too-many"));
        await AssertQuotaExceeded(() => admin.CreateSubscriptionAsync("t", "s2"));
        await AssertQuotaExceeded(() => admin.CreateRuleAsync("t", "s", new CreateRuleOptions("third", new TrueRuleFilter())));
        await admin.DeleteQueueAsync("q");
        await admin.CreateQueueAsync("fits-again");
    }

    [Fact]
    public async Task A_replacement_rule_that_does_not_parse_leaves_the_old_rule()
    {
        await using var emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions { Port = 0 });
        var admin = AdministrationFixture.CreateAdmin(emulator.ConnectionString);
        await admin.CreateTopicAsync("t");
        await admin.CreateSubscriptionAsync("t", "s");
        var rule = (await admin.GetRuleAsync("t", "s", RuleProperties.DefaultRuleName)).Value;
        rule.Filter = new SqlRuleFilter("a >");

        await Assert.ThrowsAsync<ArgumentException>(() => admin.UpdateRuleAsync("t", "s", rule));

        Assert.IsType<TrueRuleFilter>((await admin.GetRuleAsync("t", "s", RuleProperties.DefaultRuleName)).Value.Filter);
    }

    private static async Task AssertQuotaExceeded(Func<Task> create)
    {
        var error = await Assert.ThrowsAsync<ServiceBusException>(create);
        Assert.Equal(ServiceBusFailureReason.QuotaExceeded, error.Reason);
    }
}
