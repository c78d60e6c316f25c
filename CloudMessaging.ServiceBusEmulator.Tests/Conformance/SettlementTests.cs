using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class SettlementTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Abandon_with_properties_redelivers_with_delivery_count_plus_one()
    {
        var queue = fixture.CreateQueue("abandon");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x") { ApplicationProperties = { ["stage"] = "new" } });

        var first = await receiver.ReceiveMessageAsync(Wait);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["stage"] = "retried", ["attempt"] = 1 });
        var second = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal("retried", second.ApplicationProperties["stage"]);
        Assert.Equal(1, second.ApplicationProperties["attempt"]);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task Dead_letter_with_reason_moves_the_message_to_the_receivable_dead_letter_queue()
    {
        var queue = fixture.CreateQueue("dlq");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "p1" });

        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeadLetterMessageAsync(message, new Dictionary<string, object> { ["checkedBy"] = "test" }, "BadInput", "The payload is poison.");

        var peeked = await deadLetters.PeekMessageAsync();
        Assert.Equal("p1", peeked.MessageId);
        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("p1", dead.MessageId);
        Assert.Equal("BadInput", dead.DeadLetterReason);
        Assert.Equal("The payload is poison.", dead.DeadLetterErrorDescription);
        Assert.Equal("test", dead.ApplicationProperties["checkedBy"]);
        await deadLetters.CompleteMessageAsync(dead);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Null(await deadLetters.PeekMessageAsync());
    }

    [Fact]
    public async Task Dead_letter_without_reason_is_accepted()
    {
        var queue = fixture.CreateQueue("dlqplain");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessageAsync(new ServiceBusMessage("x"));

        await receiver.DeadLetterMessageAsync(await receiver.ReceiveMessageAsync(Wait));

        Assert.NotNull(await deadLetters.ReceiveMessageAsync(Wait));
    }

    [Fact]
    public async Task Exceeding_MaxDeliveryCount_dead_letters_with_reason()
    {
        var queue = fixture.CreateQueue("maxdc", q => q with { MaxDeliveryCount = 2 });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessageAsync(new ServiceBusMessage("x"));

        await receiver.AbandonMessageAsync(await receiver.ReceiveMessageAsync(Wait));
        await receiver.AbandonMessageAsync(await receiver.ReceiveMessageAsync(Wait));

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal(3, dead.DeliveryCount);
    }

    [Fact]
    public async Task Defer_then_receive_deferred_by_sequence_number_and_settle_through_management()
    {
        var queue = fixture.CreateQueue("defer");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("later"), new ServiceBusMessage("now")]);

        var later = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeferMessageAsync(later, new Dictionary<string, object> { ["deferred"] = true });
        var now = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("now", now.Body.ToString());
        await receiver.CompleteMessageAsync(now);

        var peeked = await receiver.PeekMessageAsync(later.SequenceNumber);
        Assert.Equal(ServiceBusMessageState.Deferred, peeked.State);
        var deferred = await receiver.ReceiveDeferredMessageAsync(later.SequenceNumber);
        Assert.Equal("later", deferred.Body.ToString());
        Assert.Equal(ServiceBusMessageState.Deferred, deferred.State);
        Assert.Equal(true, deferred.ApplicationProperties["deferred"]);
        Assert.True(deferred.LockedUntil > DateTimeOffset.UtcNow);

        await receiver.AbandonMessageAsync(deferred);
        deferred = await receiver.ReceiveDeferredMessageAsync(later.SequenceNumber);
        await receiver.RenewMessageLockAsync(deferred);
        await receiver.CompleteMessageAsync(deferred);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveDeferredMessageAsync(later.SequenceNumber));
        Assert.Equal(ServiceBusFailureReason.MessageNotFound, error.Reason);
    }

    [Fact]
    public async Task Deferred_message_can_be_dead_lettered_through_management()
    {
        var queue = fixture.CreateQueue("deferdlq");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessageAsync(new ServiceBusMessage("x"));
        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeferMessageAsync(message);

        var deferred = await receiver.ReceiveDeferredMessageAsync(message.SequenceNumber);
        await receiver.DeadLetterMessageAsync(deferred, "Stale", "Deferred too long");

        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("Stale", dead.DeadLetterReason);
    }

    [Fact]
    public async Task Lock_expiry_redelivers_with_delivery_count_plus_one_and_old_lock_is_lost()
    {
        var queue = fixture.CreateQueue("lockexp", q => q with { LockDuration = TimeSpan.FromSeconds(2) });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x"));

        var first = await receiver.ReceiveMessageAsync(Wait);
        Assert.InRange(first.LockedUntil - first.EnqueuedTime, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var second = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(second);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(2, second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task Renew_lock_extends_locked_until_and_keeps_the_message()
    {
        var queue = fixture.CreateQueue("renew", q => q with { LockDuration = TimeSpan.FromSeconds(3) });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var other = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x"));

        var message = await receiver.ReceiveMessageAsync(Wait);
        var originalLockedUntil = message.LockedUntil;
        while (DateTimeOffset.UtcNow < originalLockedUntil.AddSeconds(1))
        {
            // Renew well inside each lock until the message has outlived its first one.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await receiver.RenewMessageLockAsync(message);
        }

        Assert.True(message.LockedUntil > originalLockedUntil);
        Assert.Null(await other.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        await receiver.CompleteMessageAsync(message);
    }

    [Fact]
    public async Task Renewing_a_lost_lock_raises_MessageLockLost()
    {
        var queue = fixture.CreateQueue("renewlost");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x"));
        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.CompleteMessageAsync(message);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.RenewMessageLockAsync(message));

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
    }

    [Fact]
    public async Task Processor_completes_messages_automatically()
    {
        var queue = fixture.CreateQueue("processor");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync(Enumerable.Range(0, 20).Select(i => new ServiceBusMessage($"m{i}")));
        await using var processor = fixture.Client.CreateProcessor(queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 4, PrefetchCount = 10 });
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var done = new TaskCompletionSource();
        processor.ProcessMessageAsync += args =>
        {
            seen.AddOrUpdate(args.Message.Body.ToString(), 1, (_, n) => n + 1);
            if (seen.Count == 20)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await processor.StopProcessingAsync();

        Assert.All(seen.Values, count => Assert.Equal(1, count));
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(queue)!.MessageCount);
    }
}
