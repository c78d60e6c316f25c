using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

public sealed class TopicAdministrationTests(AdministrationFixture fixture) : IClassFixture<AdministrationFixture>
{
    [Fact]
    public async Task Topic_with_a_SQL_rule_subscription_created_at_run_time_routes_at_once()
    {
        var topic = AdministrationFixture.UniqueName("adm-t");
        await fixture.Admin.CreateTopicAsync(new CreateTopicOptions(topic) { UserMetadata = "orders" });
        await fixture.Admin.CreateSubscriptionAsync(
            new CreateSubscriptionOptions(topic, "high"),
            new CreateRuleOptions("priority", new SqlRuleFilter("priority > 5")) { Action = new SqlRuleAction("SET routed = 'yes'") });
        await fixture.Admin.CreateSubscriptionAsync(topic, "all");
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessagesAsync(
        [
            new ServiceBusMessage("low") { ApplicationProperties = { ["priority"] = 1 } },
            new ServiceBusMessage("high") { ApplicationProperties = { ["priority"] = 9 } },
        ]);

        await using var high = fixture.Client.CreateReceiver(topic, "high");
        var routed = await high.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("high", routed.Body.ToString());
        Assert.Equal("yes", routed.ApplicationProperties["routed"]);
        // Topics route when a message is sent, so the counts are exact at once.
        var all = (await fixture.Admin.GetSubscriptionRuntimePropertiesAsync(topic, "all")).Value;
        Assert.Equal(2, all.ActiveMessageCount);
        Assert.Equal(2, all.TotalMessageCount);
        var highRuntime = (await fixture.Admin.GetSubscriptionRuntimePropertiesAsync(topic, "high")).Value;
        Assert.Equal(1, highRuntime.ActiveMessageCount);
        var topicRuntime = (await fixture.Admin.GetTopicRuntimePropertiesAsync(topic)).Value;
        Assert.Equal(2, topicRuntime.SubscriptionCount);
        Assert.True(topicRuntime.SizeInBytes > 0);
        Assert.Equal("orders", (await fixture.Admin.GetTopicAsync(topic)).Value.UserMetadata);
    }

    [Fact]
    public async Task Rules_are_listed_created_replaced_and_deleted()
    {
        var topic = AdministrationFixture.UniqueName("adm-r");
        await fixture.Admin.CreateTopicAsync(topic);
        await fixture.Admin.CreateSubscriptionAsync(topic, "sub");

        var defaults = await ToListAsync(fixture.Admin.GetRulesAsync(topic, "sub"));
        Assert.Equal(RuleProperties.DefaultRuleName, Assert.Single(defaults).Name);
        Assert.IsType<TrueRuleFilter>(defaults[0].Filter);

        var correlation = new CorrelationRuleFilter { Subject = "invoice", ApplicationProperties = { ["region"] = "eu", ["tier"] = 2 } };
        await fixture.Admin.CreateRuleAsync(topic, "sub", new CreateRuleOptions("invoices", correlation));
        var read = (await fixture.Admin.GetRuleAsync(topic, "sub", "invoices")).Value;
        var readFilter = Assert.IsType<CorrelationRuleFilter>(read.Filter);
        Assert.Equal("invoice", readFilter.Subject);
        Assert.Equal("eu", readFilter.ApplicationProperties["region"]);
        Assert.Equal(2, readFilter.ApplicationProperties["tier"]);

        read.Filter = new SqlRuleFilter("amount > 100");
        await fixture.Admin.UpdateRuleAsync(topic, "sub", read);
        Assert.Equal("amount > 100", Assert.IsType<SqlRuleFilter>((await fixture.Admin.GetRuleAsync(topic, "sub", "invoices")).Value.Filter).SqlExpression);

        var duplicate = await Assert.ThrowsAsync<ServiceBusException>(() =>
            fixture.Admin.CreateRuleAsync(topic, "sub", new CreateRuleOptions("invoices", new TrueRuleFilter())));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityAlreadyExists, duplicate.Reason);
        var invalid = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Admin.CreateRuleAsync(topic, "sub", new CreateRuleOptions("broken", new SqlRuleFilter("amount >"))));
        Assert.Contains("broken", invalid.Message);

        await fixture.Admin.DeleteRuleAsync(topic, "sub", RuleProperties.DefaultRuleName);
        Assert.Equal(["invoices"], (await ToListAsync(fixture.Admin.GetRulesAsync(topic, "sub"))).Select(r => r.Name));
        var missing = await Assert.ThrowsAsync<ServiceBusException>(() => fixture.Admin.DeleteRuleAsync(topic, "sub", "nope"));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, missing.Reason);
    }

    [Fact]
    public async Task Subscriptions_are_listed_updated_and_deleted_with_their_links()
    {
        var topic = AdministrationFixture.UniqueName("adm-s");
        await fixture.Admin.CreateTopicAsync(topic);
        await fixture.Admin.CreateSubscriptionAsync(new CreateSubscriptionOptions(topic, "a") { MaxDeliveryCount = 7 });
        await fixture.Admin.CreateSubscriptionAsync(topic, "b");

        var subscriptions = await ToListAsync(fixture.Admin.GetSubscriptionsAsync(topic));
        Assert.Equal(["a", "b"], subscriptions.Select(s => s.SubscriptionName));
        Assert.Equal(7, subscriptions[0].MaxDeliveryCount);
        Assert.Equal(topic, subscriptions[0].TopicName);

        var a = subscriptions[0];
        a.LockDuration = TimeSpan.FromSeconds(20);
        a.Status = EntityStatus.ReceiveDisabled;
        await fixture.Admin.UpdateSubscriptionAsync(a);
        var updated = (await fixture.Admin.GetSubscriptionAsync(topic, "a")).Value;
        Assert.Equal(TimeSpan.FromSeconds(20), updated.LockDuration);
        Assert.Equal(EntityStatus.ReceiveDisabled, updated.Status);
        await using var disabled = fixture.Client.CreateReceiver(topic, "a");
        var disabledError = await Assert.ThrowsAsync<ServiceBusException>(() => disabled.ReceiveMessageAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityDisabled, disabledError.Reason);

        await using var receiver = fixture.Client.CreateReceiver(topic, "b");
        await fixture.Client.CreateSender(topic).SendMessageAsync(new ServiceBusMessage("x"));
        Assert.NotNull(await receiver.PeekMessageAsync());
        await fixture.Admin.DeleteSubscriptionAsync(topic, "b");
        var gone = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, gone.Reason);

        await fixture.Admin.DeleteTopicAsync(topic);
        Assert.False(await fixture.Admin.TopicExistsAsync(topic));
        Assert.False(await fixture.Admin.SubscriptionExistsAsync(topic, "a"));
    }

    [Fact]
    public async Task Send_disabled_topic_refuses_sends_and_subscription_counts_follow_receives_and_dead_letters()
    {
        var topic = AdministrationFixture.UniqueName("adm-td");
        await fixture.Admin.CreateTopicAsync(topic);
        await fixture.Admin.CreateSubscriptionAsync(topic, "s");
        await using var sender = fixture.Client.CreateSender(topic);
        await sender.SendMessagesAsync(Enumerable.Range(0, 4).Select(i => new ServiceBusMessage($"m{i}")));
        await using var receiver = fixture.Client.CreateReceiver(topic, "s");
        await receiver.CompleteMessageAsync(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)));
        await receiver.DeadLetterMessageAsync(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)));

        var counts = (await fixture.Admin.GetSubscriptionRuntimePropertiesAsync(topic, "s")).Value;
        Assert.Equal(2, counts.ActiveMessageCount);
        Assert.Equal(1, counts.DeadLetterMessageCount);
        Assert.Equal(3, counts.TotalMessageCount);

        var properties = (await fixture.Admin.GetTopicAsync(topic)).Value;
        properties.Status = EntityStatus.SendDisabled;
        await fixture.Admin.UpdateTopicAsync(properties);
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("refused")));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityDisabled, error.Reason);
        Assert.Equal(EntityStatus.SendDisabled, (await fixture.Admin.GetTopicAsync(topic)).Value.Status);
    }

    [Fact]
    public async Task Topic_size_quota_refuses_a_send_whose_copies_do_not_fit()
    {
        var topic = AdministrationFixture.UniqueName("adm-tq");
        await fixture.Admin.CreateTopicAsync(new CreateTopicOptions(topic) { MaxSizeInMegabytes = 1 });
        await fixture.Admin.CreateSubscriptionAsync(topic, "one");
        await fixture.Admin.CreateSubscriptionAsync(topic, "two");
        await using var sender = fixture.Client.CreateSender(topic);
        await sender.SendMessageAsync(new ServiceBusMessage(new byte[200 * 1024]));
        await sender.SendMessageAsync(new ServiceBusMessage(new byte[200 * 1024]));

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage(new byte[200 * 1024])));

        Assert.Equal(ServiceBusFailureReason.QuotaExceeded, error.Reason);
        Assert.Equal(2, (await fixture.Admin.GetSubscriptionRuntimePropertiesAsync(topic, "one")).Value.ActiveMessageCount);
        Assert.Equal(2, (await fixture.Admin.GetSubscriptionRuntimePropertiesAsync(topic, "two")).Value.ActiveMessageCount);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
