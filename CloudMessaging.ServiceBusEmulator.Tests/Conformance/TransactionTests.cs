using System.Transactions;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>
/// System.Transactions through the real SDK: the client declares on its coordinator link, sends, settles and schedules
/// under the txn-id, and discharges when the scope ends; the emulator applies all of it at commit or none of it.
/// </summary>
public sealed class TransactionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Absent = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Send_in_a_completed_scope_is_received()
    {
        var queue = fixture.CreateQueue("txsend");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        using (var scope = Scope())
        {
            await sender.SendMessageAsync(new ServiceBusMessage("one") { MessageId = "a" });
            await sender.SendMessagesAsync([new ServiceBusMessage("two") { MessageId = "b" }, new ServiceBusMessage("three") { MessageId = "c" }]);
            Assert.Null(await receiver.PeekMessageAsync());
            scope.Complete();
        }

        var received = await ReceiveAll(receiver, 3);
        Assert.Equal(["a", "b", "c"], received.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Send_in_a_scope_that_is_not_completed_is_never_stored()
    {
        var queue = fixture.CreateQueue("txdrop");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        using (Scope())
        {
            await sender.SendMessageAsync(new ServiceBusMessage("never"));
        }

        await Eventually.HoldsAsync(() => fixture.Emulator.Transactions.Open.Count == 0, Wait, "every transaction to be discharged");
        Assert.Null(await receiver.PeekMessageAsync());
        Assert.Null(await receiver.ReceiveMessageAsync(Absent));
    }

    [Fact]
    public async Task Receive_complete_and_send_in_one_committed_scope_replaces_the_message()
    {
        var queue = fixture.CreateQueue("txswap");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("order") { MessageId = "in" });
        var received = await receiver.ReceiveMessageAsync(Wait);

        using (var scope = Scope())
        {
            await receiver.CompleteMessageAsync(received);
            await sender.SendMessageAsync(new ServiceBusMessage("shipped") { MessageId = "out" });
            scope.Complete();
        }

        var next = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("out", next.MessageId);
        await receiver.CompleteMessageAsync(next);
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task Rolled_back_complete_and_send_leaves_the_message_locked_until_expiry_then_redelivers_it()
    {
        var queue = fixture.CreateQueue("txundo", q => q with { LockDuration = TimeSpan.FromSeconds(2) });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("order") { MessageId = "in" });
        var received = await receiver.ReceiveMessageAsync(Wait);

        using (Scope())
        {
            await receiver.CompleteMessageAsync(received);
            await sender.SendMessageAsync(new ServiceBusMessage("shipped") { MessageId = "out" });
        }

        var again = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("in", again.MessageId);
        Assert.Equal(received.SequenceNumber, again.SequenceNumber);
        Assert.Equal(2, again.DeliveryCount);
        await receiver.CompleteMessageAsync(again);
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task Dead_letter_and_defer_in_a_committed_scope_take_effect_at_commit()
    {
        var queue = fixture.CreateQueue("txdlq");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessagesAsync([new ServiceBusMessage("poison") { MessageId = "p" }, new ServiceBusMessage("later") { MessageId = "d" }]);
        var messages = await ReceiveAll(receiver, 2);

        using (var scope = Scope())
        {
            await receiver.DeadLetterMessageAsync(messages[0], "Bad", "Rejected in a transaction.");
            await receiver.DeferMessageAsync(messages[1]);
            Assert.Null(await deadLetters.PeekMessageAsync());
            scope.Complete();
        }

        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("p", dead.MessageId);
        Assert.Equal("Bad", dead.DeadLetterReason);
        var deferred = await receiver.ReceiveDeferredMessageAsync(messages[1].SequenceNumber);
        Assert.Equal("d", deferred.MessageId);
    }

    [Fact]
    public async Task Settling_through_management_in_a_scope_waits_for_the_commit()
    {
        var queue = fixture.CreateQueue("txmgmt");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "m" });
        var first = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeferMessageAsync(first);

        // A message received by sequence number is settled through $management, with the txn-id on the request.
        var deferred = await receiver.ReceiveDeferredMessageAsync(first.SequenceNumber);
        using (Scope())
        {
            await receiver.CompleteMessageAsync(deferred);
        }

        Assert.Equal("m", (await receiver.PeekMessageAsync(first.SequenceNumber))?.MessageId);
        await Eventually.HoldsAsync(() => fixture.Emulator.Transactions.Open.Count == 0, Wait, "every transaction to be discharged");

        using (var scope = Scope())
        {
            await receiver.CompleteMessageAsync(deferred);
            Assert.NotNull(await receiver.PeekMessageAsync(first.SequenceNumber));
            scope.Complete();
        }

        Assert.Null(await receiver.PeekMessageAsync(first.SequenceNumber));
    }

    [Fact]
    public async Task Scheduling_in_a_scope_returns_the_sequence_number_and_stores_the_message_at_commit()
    {
        var queue = fixture.CreateQueue("txsched");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        var at = DateTimeOffset.UtcNow.AddHours(1);

        long kept;
        using (var scope = Scope())
        {
            kept = await sender.ScheduleMessageAsync(new ServiceBusMessage("kept") { MessageId = "k" }, at);
            Assert.Null(await receiver.PeekMessageAsync());
            scope.Complete();
        }

        using (Scope())
        {
            await sender.ScheduleMessageAsync(new ServiceBusMessage("dropped") { MessageId = "x" }, at);
        }

        await Eventually.HoldsAsync(() => fixture.Emulator.Transactions.Open.Count == 0, Wait, "every transaction to be discharged");
        var peeked = await receiver.PeekMessagesAsync(10, fromSequenceNumber: 1);
        var scheduled = Assert.Single(peeked);
        Assert.Equal("k", scheduled.MessageId);
        Assert.Equal(kept, scheduled.SequenceNumber);
        Assert.Equal(ServiceBusMessageState.Scheduled, scheduled.State);
    }

    [Fact]
    public async Task A_topic_and_its_subscription_are_one_entity_for_a_transaction()
    {
        var topic = fixture.CreateTopic("txtopic", new SubscriptionDefinition { Name = "all" });
        await using var sender = fixture.Client.CreateSender(topic);
        await using var receiver = fixture.Client.CreateReceiver(topic, "all");
        await sender.SendMessageAsync(new ServiceBusMessage("step 1") { MessageId = "one" });
        var received = await receiver.ReceiveMessageAsync(Wait);

        using (var scope = Scope())
        {
            await receiver.CompleteMessageAsync(received);
            await sender.SendMessageAsync(new ServiceBusMessage("step 2") { MessageId = "two" });
            scope.Complete();
        }

        var next = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("two", next.MessageId);
        await receiver.CompleteMessageAsync(next);
    }

    [Fact]
    public async Task A_session_message_completed_in_a_committed_scope_is_replaced_by_the_one_sent_there()
    {
        var queue = fixture.CreateQueue("txsess", q => q with { RequiresSession = true });
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("step 1") { MessageId = "one", SessionId = "s" });
        await using var session = await fixture.Client.AcceptSessionAsync(queue, "s");
        var received = await session.ReceiveMessageAsync(Wait);

        using (var scope = Scope())
        {
            await session.CompleteMessageAsync(received);
            await sender.SendMessageAsync(new ServiceBusMessage("step 2") { MessageId = "two", SessionId = "s" });
            Assert.Null(await session.PeekMessageAsync(received.SequenceNumber + 1));
            scope.Complete();
        }

        var next = await session.ReceiveMessageAsync(Wait);
        Assert.Equal("two", next.MessageId);
        await session.CompleteMessageAsync(next);
    }

    [Fact]
    public async Task Completing_a_message_whose_lock_expired_in_a_scope_raises_MessageLockLost()
    {
        var queue = fixture.CreateQueue("txlost", q => q with { LockDuration = TimeSpan.FromSeconds(1) });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x"));
        var received = await receiver.ReceiveMessageAsync(Wait);
        await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow > received.LockedUntil.AddMilliseconds(200), Wait, "the lock to expire");

        using (Scope())
        {
            var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(received));
            Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        }
    }

    [Fact]
    public async Task A_transaction_used_on_another_connection_is_refused()
    {
        var queue = fixture.CreateQueue("txconn");
        await using var otherClient = fixture.CreateClient();
        await using var sender = fixture.Client.CreateSender(queue);
        await using var otherSender = otherClient.CreateSender(queue);

        using (Scope())
        {
            await sender.SendMessageAsync(new ServiceBusMessage("first"));

            // The SDK enlists once per System.Transactions transaction, so the second client reuses the first's txn-id.
            var refused = await Assert.ThrowsAsync<ServiceBusException>(() => otherSender.SendMessageAsync(new ServiceBusMessage("second")));
            Assert.Contains("another connection", refused.Message);
        }

        await using var peeker = fixture.Client.CreateReceiver(queue);
        Assert.Null(await peeker.PeekMessageAsync());
    }

    [Fact]
    public async Task A_transaction_whose_connection_drops_is_rolled_back()
    {
        var queue = fixture.CreateQueue("txcut", q => q with { LockDuration = TimeSpan.FromSeconds(2) });
        await using var seed = fixture.Client.CreateSender(queue);
        await seed.SendMessageAsync(new ServiceBusMessage("order") { MessageId = "in" });
        await using var proxy = new TcpProxy(fixture.Emulator.Port);
        var doomed = new ServiceBusClient(
            fixture.ConnectionString.Replace($":{fixture.Emulator.Port};", $":{proxy.Port};"),
            new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(2) } });
        var receiver = doomed.CreateReceiver(queue);
        var sender = doomed.CreateSender(queue);
        var received = await receiver.ReceiveMessageAsync(Wait);
        var before = fixture.Emulator.Transactions.Open.ToHashSet();

        var scope = Scope();
        await receiver.CompleteMessageAsync(received);
        await sender.SendMessageAsync(new ServiceBusMessage("shipped") { MessageId = "out" });
        var ours = Assert.Single(fixture.Emulator.Transactions.Open, t => !before.Contains(t));
        proxy.KillConnections();
        await Eventually.HoldsAsync(() => !fixture.Emulator.Transactions.Open.Contains(ours), Wait, "our transaction to be discharged");

        // Leave the scope first: work done inside it would be enlisted in the dead transaction.
        DisposeQuietly(scope);
        await using var survivor = fixture.Client.CreateReceiver(queue);
        var again = await survivor.ReceiveMessageAsync(Wait);
        Assert.Equal("in", again.MessageId);
        await survivor.CompleteMessageAsync(again);
        Assert.Null(await survivor.PeekMessageAsync());
        _ = doomed.DisposeAsync().AsTask(); // its connection is gone; do not wait for a clean close
    }

    [Fact]
    public async Task A_transaction_open_longer_than_the_timeout_is_rolled_back_and_cannot_commit()
    {
        await using var emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions { Port = 0, TransactionTimeout = TimeSpan.FromSeconds(1) });
        var queue = emulator.Namespace.AddQueue(new QueueDefinition { Name = "timeout" }).Name;
        await using var client = new ServiceBusClient(emulator.ConnectionString, EmulatorFixture.DefaultClientOptions());
        await using var sender = client.CreateSender(queue);
        await using var receiver = client.CreateReceiver(queue);

        var scope = Scope();
        await sender.SendMessageAsync(new ServiceBusMessage("late"));
        await Eventually.HoldsAsync(() => emulator.Transactions.Open.SingleOrDefault()?.HasTimedOut == true, Wait, "the transaction to time out");
        var refused = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("later")));
        Assert.Contains("timed out", refused.Message);
        scope.Complete();

        Assert.Throws<TransactionInDoubtException>(scope.Dispose);
        Assert.Null(await receiver.PeekMessageAsync());
        Assert.Empty(emulator.Transactions.Open);
    }

    private static TransactionScope Scope() => new(TransactionScopeAsyncFlowOption.Enabled);

    private static async Task<List<ServiceBusReceivedMessage>> ReceiveAll(ServiceBusReceiver receiver, int count)
    {
        var received = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow + Wait;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(count - received.Count, Wait));
        }

        Assert.Equal(count, received.Count);
        return received;
    }

    private static void DisposeQuietly(TransactionScope scope)
    {
        try
        {
            scope.Dispose();
        }
        catch (TransactionException)
        {
            // The rollback could not reach the emulator; the emulator rolled back on its own when the connection dropped.
        }
    }
}
