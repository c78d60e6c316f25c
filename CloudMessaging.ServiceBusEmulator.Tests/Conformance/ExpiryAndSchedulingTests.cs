using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class ExpiryAndSchedulingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Expired_message_is_dead_lettered_with_TTLExpiredException_when_enabled()
    {
        var queue = fixture.CreateQueue("ttldlq", q => q with { DeadLetteringOnMessageExpiration = true });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        await sender.SendMessageAsync(new ServiceBusMessage("short-lived") { TimeToLive = TimeSpan.FromMilliseconds(500) });
        await sender.SendMessageAsync(new ServiceBusMessage("long-lived"));

        // The dead-letter receive waits until the expiry timer has moved the message.
        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("short-lived", dead.Body.ToString());
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
        var live = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("long-lived", live.Body.ToString());
    }

    [Fact]
    public async Task Queue_default_time_to_live_drops_expired_messages_without_dead_lettering()
    {
        var queue = fixture.CreateQueue("ttldrop", q => q with { DefaultMessageTimeToLive = TimeSpan.FromMilliseconds(500) });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var entity = fixture.Emulator.Namespace.FindEntity(queue)!;

        await sender.SendMessageAsync(new ServiceBusMessage("x"));
        await Eventually.HoldsAsync(() => entity.MessageCount == 0, Wait, "the expired message to leave the queue");

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Null(await deadLetters.PeekMessageAsync());
    }

    [Fact]
    public async Task Message_time_to_live_shorter_than_the_queue_default_wins()
    {
        var queue = fixture.CreateQueue("ttlmin", q => q with { DefaultMessageTimeToLive = TimeSpan.FromHours(1) });
        await using var sender = fixture.Client.CreateSender(queue);
        var entity = fixture.Emulator.Namespace.FindEntity(queue)!;

        await sender.SendMessageAsync(new ServiceBusMessage("x") { TimeToLive = TimeSpan.FromMilliseconds(300) });

        await Eventually.HoldsAsync(() => entity.MessageCount == 0, Wait, "the expired message to leave the queue");
    }

    [Fact]
    public async Task Scheduled_message_is_peekable_as_scheduled_and_delivered_at_its_time()
    {
        var queue = fixture.CreateQueue("schedule");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        // Far enough ahead that the peek surely happens before it, even on a loaded machine.
        var at = DateTimeOffset.UtcNow.AddSeconds(4);

        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("scheduled"), at);

        var peeked = await receiver.PeekMessageAsync();
        Assert.Equal(sequenceNumber, peeked.SequenceNumber);
        Assert.Equal(ServiceBusMessageState.Scheduled, peeked.State);
        var received = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("scheduled", received.Body.ToString());
        Assert.True(DateTimeOffset.UtcNow >= at.AddMilliseconds(-50));
        Assert.Equal(sequenceNumber, received.SequenceNumber);
    }

    [Fact]
    public async Task Cancelled_scheduled_message_is_never_delivered()
    {
        var queue = fixture.CreateQueue("cancel");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        var entity = fixture.Emulator.Namespace.FindEntity(queue)!;

        var sequenceNumbers = await sender.ScheduleMessagesAsync(
            [new ServiceBusMessage("cancelled"), new ServiceBusMessage("kept")], DateTimeOffset.UtcNow.AddSeconds(3));
        await sender.CancelScheduledMessageAsync(sequenceNumbers[0]);

        var received = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("kept", received.Body.ToString());
        await receiver.CompleteMessageAsync(received);
        Assert.Equal(0, entity.MessageCount);
    }

    [Fact]
    public async Task ScheduledEnqueueTime_on_a_sent_message_delays_it()
    {
        var queue = fixture.CreateQueue("schedprop");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        var at = DateTimeOffset.UtcNow.AddSeconds(3);
        await sender.SendMessageAsync(new ServiceBusMessage("later") { ScheduledEnqueueTime = at });

        Assert.Equal(ServiceBusMessageState.Scheduled, (await receiver.PeekMessageAsync()).State);
        var received = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("later", received.Body.ToString());
        Assert.True(DateTimeOffset.UtcNow >= at.AddMilliseconds(-50));
    }
}
