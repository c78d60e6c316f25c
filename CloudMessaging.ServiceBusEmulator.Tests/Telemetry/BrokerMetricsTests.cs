using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.Telemetry;

/// <summary>The emulator's meter reports what the official SDK did to an entity, over TCP.</summary>
public sealed class BrokerMetricsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Counters_count_sends_receives_and_each_settlement_per_entity_and_gauges_read_the_entity_counts()
    {
        using var metrics = new MetricRecorder(fixture.Emulator.Namespace.Metrics.Meter);
        var queue = fixture.CreateQueue("metrics");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("a"), new ServiceBusMessage("b"), new ServiceBusMessage("c")]);
        await sender.ScheduleMessageAsync(new ServiceBusMessage("later"), DateTimeOffset.UtcNow.AddHours(1));

        // One at a time: no credit is left over, so the abandoned message is not delivered again.
        var first = await receiver.ReceiveMessageAsync(Wait);
        var second = await receiver.ReceiveMessageAsync(Wait);
        var third = await receiver.ReceiveMessageAsync(Wait);
        await receiver.CompleteMessageAsync(first);
        await receiver.DeadLetterMessageAsync(second, "BadInput");
        await receiver.AbandonMessageAsync(third);

        Assert.Equal(4, metrics.Sum("servicebus.emulator.messages.sent", queue));
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.sent", queue + "/$DeadLetterQueue"));
        Assert.Equal(3, metrics.Sum("servicebus.emulator.messages.received", queue));
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.completed", queue));
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.dead_lettered", queue));
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.abandoned", queue));
        Assert.Equal(1, metrics.Observe("servicebus.emulator.entity.active_messages", queue));
        Assert.Equal(1, metrics.Observe("servicebus.emulator.entity.scheduled_messages", queue));
        Assert.Equal(1, metrics.Observe("servicebus.emulator.entity.dead_letter_messages", queue));
    }

    [Fact]
    public async Task Connections_and_links_are_observed_while_they_are_open()
    {
        using var metrics = new MetricRecorder(fixture.Emulator.Namespace.Metrics.Meter);
        var queue = fixture.CreateQueue("links");
        await using var client = fixture.CreateClient();
        await using var sender = client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("open the link"));
        var receiver = client.CreateReceiver(queue);
        Assert.NotNull(await receiver.ReceiveMessageAsync(Wait));

        var connections = metrics.Observe("servicebus.emulator.connections", null);
        var receivers = metrics.Observe("servicebus.emulator.links", "receiver");
        Assert.True(connections >= 1, $"connections {connections}");
        Assert.True(receivers >= 1, $"receiver links {receivers}");

        await receiver.DisposeAsync();
        await Eventually.HoldsAsync(
            () => metrics.Observe("servicebus.emulator.links", "receiver") == receivers - 1, Wait, "the closed receiver link leaves the count");
    }
}
