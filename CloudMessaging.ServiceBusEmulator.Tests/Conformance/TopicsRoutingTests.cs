using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;
using Microsoft.Extensions.Time.Testing;
using static CloudMessaging.ServiceBusEmulator.Tests.Conformance.TopicSubscriptions;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>Messages sent to a topic reach the subscriptions whose rules select them, through the official SDK.</summary>
public sealed class TopicsRoutingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Every_subscription_gets_its_own_copy_of_each_message()
    {
        var topic = fixture.CreateTopic("fanout", All("a"), All("b"), All("c"));
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessagesAsync([new ServiceBusMessage("one") { MessageId = "m1" }, new ServiceBusMessage("two") { MessageId = "m2" }]);

        foreach (var name in new[] { "a", "b", "c" })
        {
            await using var receiver = fixture.Client.CreateReceiver(topic, name);
            var messages = await ReceiveAsync(receiver, 2);
            Assert.Equal(["one", "two"], messages.Select(m => m.Body.ToString()));
            Assert.Equal(["m1", "m2"], messages.Select(m => m.MessageId));
            Assert.Equal([1L, 2L], messages.Select(m => m.SequenceNumber));
            foreach (var message in messages)
            {
                await receiver.CompleteMessageAsync(message);
            }
        }

        // Settling one subscription's copy leaves the others' alone.
        Assert.All(new[] { "a", "b", "c" }, name => Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(PathOf(topic, name))!.MessageCount));
    }

    [Fact]
    public async Task Correlation_filters_match_system_and_application_properties()
    {
        var topic = fixture.CreateTopic(
            "corr",
            Correlation("orders", new CorrelationFilterDefinition { Label = "order-placed", Properties = new Dictionary<string, object?> { ["region"] = "eu" } }),
            Correlation("json", new CorrelationFilterDefinition { ContentType = "application/json" }),
            Correlation("session", new CorrelationFilterDefinition { CorrelationId = "c-7", To = "billing" }));
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessageAsync(new ServiceBusMessage("eu order") { Subject = "order-placed", ApplicationProperties = { ["region"] = "eu" } });
        await sender.SendMessageAsync(new ServiceBusMessage("us order") { Subject = "order-placed", ApplicationProperties = { ["region"] = "us" } });
        await sender.SendMessageAsync(new ServiceBusMessage("{}") { ContentType = "application/json" });
        await sender.SendMessageAsync(new ServiceBusMessage("correlated") { CorrelationId = "c-7", To = "billing" });

        Assert.Equal(["eu order"], await BodiesAsync(topic, "orders", 1));
        Assert.Equal(["{}"], await BodiesAsync(topic, "json", 1));
        Assert.Equal(["correlated"], await BodiesAsync(topic, "session", 1));
    }

    [Fact]
    public async Task Sql_filters_select_on_properties_with_the_service_grammar()
    {
        var topic = fixture.CreateTopic(
            "sql",
            Sql("big", "total > 100 AND sys.Label LIKE 'order%'"),
            Sql("eu", "region IN ('eu', 'uk') OR EXISTS(vip)"),
            Sql("none", "1=0"));
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessageAsync(new ServiceBusMessage("small") { Subject = "order-placed", ApplicationProperties = { ["total"] = 50, ["region"] = "us" } });
        await sender.SendMessageAsync(new ServiceBusMessage("large") { Subject = "order-placed", ApplicationProperties = { ["total"] = 250.5, ["region"] = "uk" } });
        await sender.SendMessageAsync(new ServiceBusMessage("vip") { Subject = "refund", ApplicationProperties = { ["vip"] = true } });

        Assert.Equal(["large"], await BodiesAsync(topic, "big", 1));
        Assert.Equal(["large", "vip"], await BodiesAsync(topic, "eu", 2));
        Assert.Equal([], await BodiesAsync(topic, "none", 0));
    }

    [Fact]
    public async Task Rule_actions_change_only_the_copy_their_subscription_receives()
    {
        var topic = fixture.CreateTopic(
            "action",
            Sql("gold", "total > 100", "SET tier = 'gold'; SET sys.Subject = 'big-' + sys.Subject; SET sys.CorrelationId = sys.MessageId; SET sys.To = 'vip-desk'; SET sys.ReplyTo = 'replies'; REMOVE coupon"),
            All("plain"));
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessageAsync(new ServiceBusMessage("payload")
        {
            MessageId = "a1",
            Subject = "order",
            ApplicationProperties = { ["total"] = 150, ["coupon"] = "SPRING" },
        });

        await using var goldReceiver = fixture.Client.CreateReceiver(topic, "gold");
        var gold = await goldReceiver.ReceiveMessageAsync(Wait);
        Assert.Equal("payload", gold.Body.ToString());
        Assert.Equal("a1", gold.MessageId);
        Assert.Equal("big-order", gold.Subject);
        Assert.Equal("a1", gold.CorrelationId);
        Assert.Equal("vip-desk", gold.To);
        Assert.Equal("replies", gold.ReplyTo);
        Assert.Equal("gold", gold.ApplicationProperties["tier"]);
        Assert.Equal("gold-rule", gold.ApplicationProperties["RuleName"]);
        Assert.Equal(150, gold.ApplicationProperties["total"]);
        Assert.False(gold.ApplicationProperties.ContainsKey("coupon"));
        await goldReceiver.CompleteMessageAsync(gold);

        await using var plainReceiver = fixture.Client.CreateReceiver(topic, "plain");
        var plain = await plainReceiver.ReceiveMessageAsync(Wait);
        Assert.Equal("order", plain.Subject);
        Assert.Null(plain.CorrelationId);
        Assert.Null(plain.To);
        Assert.Equal("SPRING", plain.ApplicationProperties["coupon"]);
        Assert.False(plain.ApplicationProperties.ContainsKey("tier"));
    }

    [Fact]
    public async Task A_rule_that_fails_to_evaluate_dead_letters_the_message_in_that_subscription()
    {
        var topic = fixture.CreateTopic("evalerr", Sql("strict", "quantity / divisor > 1"), All("other"));
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessageAsync(new ServiceBusMessage("zero") { ApplicationProperties = { ["quantity"] = 4, ["divisor"] = 0 } });

        await using var deadLetters = fixture.Client.CreateReceiver(topic, "strict", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("zero", dead.Body.ToString());
        Assert.Equal("FilterEvaluationException", dead.DeadLetterReason);
        Assert.Contains("strict-rule", dead.DeadLetterErrorDescription);
        Assert.Equal(["zero"], await BodiesAsync(topic, "other", 1));
    }

    [Fact]
    public async Task A_queue_forwarding_to_a_topic_feeds_its_subscriptions()
    {
        var topic = fixture.CreateTopic("fwdtopic", All("a"), Sql("b", "kind = 'wanted'"));
        var queue = fixture.CreateQueue("totopic", q => q with { ForwardTo = topic });
        await using var sender = fixture.Client.CreateSender(queue);

        await sender.SendMessagesAsync([new ServiceBusMessage("wanted") { ApplicationProperties = { ["kind"] = "wanted" } }, new ServiceBusMessage("other")]);

        Assert.Equal(["wanted", "other"], await BodiesAsync(topic, "a", 2));
        Assert.Equal(["wanted"], await BodiesAsync(topic, "b", 1));
    }

    [Fact]
    public async Task Duplicate_detection_on_the_topic_drops_a_repeated_message_id_for_every_subscription()
    {
        var topic = fixture.CreateTopic("dedup", t => t with { RequiresDuplicateDetection = true }, All("a"), All("b"));
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("again") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("other") { MessageId = "different" });

        Assert.Equal(["first", "other"], await BodiesAsync(topic, "a", 2));
        Assert.Equal(["first", "other"], await BodiesAsync(topic, "b", 2));
    }

    [Fact]
    public async Task Scheduled_messages_appear_later_in_every_subscription_and_cancel_everywhere()
    {
        // Its own emulator on a fake clock: the message must still be scheduled when peeked, however slow the machine.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            TimeProvider = time,
            Topology = new() { Topics = [new TopicDefinition { Name = "sched", Subscriptions = [All("a"), All("b")] }] },
        });
        await using var client = new ServiceBusClient(emulator.ConnectionString);
        await using var sender = client.CreateSender("sched");

        var kept = await sender.ScheduleMessageAsync(new ServiceBusMessage("later"), time.GetUtcNow().AddMinutes(1));
        var cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("never"), time.GetUtcNow().AddMinutes(1));
        await sender.CancelScheduledMessageAsync(cancelled);
        Assert.NotEqual(kept, cancelled);

        await using var peeker = client.CreateReceiver("sched", "a");
        var peeked = await peeker.PeekMessageAsync();
        Assert.Equal("later", peeked.Body.ToString());
        Assert.Equal(ServiceBusMessageState.Scheduled, peeked.State);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(["later"], await BodiesAsync(client, "sched", "a", 1));
        Assert.Equal(["later"], await BodiesAsync(client, "sched", "b", 1));
    }

    [Fact]
    public async Task The_shorter_of_topic_and_subscription_time_to_live_applies()
    {
        var expiring = new SubscriptionDefinition { Name = "expiring", DeadLetteringOnMessageExpiration = true, DefaultMessageTimeToLive = TimeSpan.FromHours(1) };
        var topic = fixture.CreateTopic("ttl", t => t with { DefaultMessageTimeToLive = TimeSpan.FromMilliseconds(200) }, expiring);
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessageAsync(new ServiceBusMessage("short-lived"));

        await using var deadLetters = fixture.Client.CreateReceiver(topic, "expiring", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("short-lived", dead.Body.ToString());
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
    }

    private Task<List<string>> BodiesAsync(string topic, string subscription, int expected) =>
        BodiesAsync(fixture.Client, topic, subscription, expected);

    private static async Task<List<string>> BodiesAsync(ServiceBusClient client, string topic, string subscription, int expected)
    {
        await using var receiver = client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var messages = await ReceiveAsync(receiver, expected);
        var extra = await receiver.ReceiveMessagesAsync(10, Quiet);
        Assert.Empty(extra);
        return messages.Select(m => m.Body.ToString()).ToList();
    }

    internal static async Task<List<ServiceBusReceivedMessage>> ReceiveAsync(ServiceBusReceiver receiver, int count)
    {
        var messages = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow + Wait;
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            messages.AddRange(await receiver.ReceiveMessagesAsync(count - messages.Count, TimeSpan.FromSeconds(1)));
        }

        Assert.Equal(count, messages.Count);
        return messages;
    }
}
