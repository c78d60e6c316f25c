using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class SessionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private string SessionQueue(string prefix, TimeSpan? lockDuration = null) =>
        fixture.CreateQueue(prefix, q => q with { RequiresSession = true, LockDuration = lockDuration ?? TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task Accept_next_session_locks_a_session_with_messages_in_fifo_order()
    {
        var queue = SessionQueue("snext");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync(Enumerable.Range(0, 5).Select(i => new ServiceBusMessage($"a{i}") { SessionId = "A" }));

        await using var receiver = await fixture.Client.AcceptNextSessionAsync(queue);

        Assert.Equal("A", receiver.SessionId);
        Assert.True(receiver.SessionLockedUntil > DateTimeOffset.UtcNow.AddSeconds(20));
        var bodies = await SendReceiveTests.ReceiveBodies(receiver, 5);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"a{i}"), bodies);
    }

    [Fact]
    public async Task Messages_of_a_locked_session_go_only_to_its_holder()
    {
        var queue = SessionQueue("sexcl");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("a") { SessionId = "A" }, new ServiceBusMessage("b") { SessionId = "B" }]);

        await using var first = await fixture.Client.AcceptNextSessionAsync(queue);
        await using var second = await fixture.Client.AcceptNextSessionAsync(queue);

        Assert.NotEqual(first.SessionId, second.SessionId);
        var fromFirst = await first.ReceiveMessageAsync(Wait);
        var fromSecond = await second.ReceiveMessageAsync(Wait);
        Assert.Equal(first.SessionId, fromFirst.SessionId);
        Assert.Equal(second.SessionId, fromSecond.SessionId);
        Assert.Null(await first.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Accept_next_session_without_any_gives_ServiceTimeout()
    {
        var queue = SessionQueue("snone");
        await using var client = fixture.CreateClient(new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { TryTimeout = TimeSpan.FromSeconds(2), MaxRetries = 0 },
        });

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.AcceptNextSessionAsync(queue));

        Assert.Equal(ServiceBusFailureReason.ServiceTimeout, error.Reason);
    }

    [Fact]
    public async Task Accept_next_session_waits_for_a_message_to_arrive()
    {
        var queue = SessionQueue("swait");
        await using var sender = fixture.Client.CreateSender(queue);

        var accepting = fixture.Client.AcceptNextSessionAsync(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("late") { SessionId = "L" });
        await using var receiver = await accepting;

        Assert.Equal("L", receiver.SessionId);
        Assert.Equal("late", (await receiver.ReceiveMessageAsync(Wait)).Body.ToString());
    }

    [Fact]
    public async Task Accept_session_by_id_works_without_messages_and_is_exclusive()
    {
        var queue = SessionQueue("sbyid");
        await using var holder = await fixture.Client.AcceptSessionAsync(queue, "S1");
        Assert.Equal("S1", holder.SessionId);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => fixture.Client.AcceptSessionAsync(queue, "S1"));

        Assert.Equal(ServiceBusFailureReason.SessionCannotBeLocked, error.Reason);
    }

    [Fact]
    public async Task Session_state_is_kept_independent_of_messages()
    {
        var queue = SessionQueue("sstate");
        await using (var receiver = await fixture.Client.AcceptSessionAsync(queue, "S"))
        {
            Assert.Null(await receiver.GetSessionStateAsync());
            await receiver.SetSessionStateAsync(BinaryData.FromString("step-2"));
        }

        await using var again = await fixture.Client.AcceptSessionAsync(queue, "S");
        Assert.Equal("step-2", (await again.GetSessionStateAsync()).ToString());
        await again.SetSessionStateAsync(null);
        Assert.Null(await again.GetSessionStateAsync());
    }

    [Fact]
    public async Task Renew_session_lock_extends_it()
    {
        var lockDuration = TimeSpan.FromSeconds(30);
        var queue = SessionQueue("srenew", lockDuration);
        await using var receiver = await fixture.Client.AcceptSessionAsync(queue, "S");
        var before = receiver.SessionLockedUntil;

        // Lock times have millisecond precision: a renewal can only move the lock once the clock has passed the accept.
        await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow > before - lockDuration + TimeSpan.FromMilliseconds(10), Wait, "the clock to move past the accept");
        await receiver.RenewSessionLockAsync();

        Assert.True(receiver.SessionLockedUntil > before);
    }

    [Fact]
    public async Task Closing_the_receiver_releases_the_session_and_its_unsettled_messages()
    {
        var queue = SessionQueue("sclose");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x") { SessionId = "S" });

        var first = await fixture.Client.AcceptNextSessionAsync(queue);
        var unsettled = await first.ReceiveMessageAsync(Wait);
        await first.DisposeAsync();

        await using var second = await fixture.Client.AcceptNextSessionAsync(queue);
        var again = await second.ReceiveMessageAsync(Wait);
        Assert.Equal(unsettled.SequenceNumber, again.SequenceNumber);
        Assert.Equal(2, again.DeliveryCount);
        await second.CompleteMessageAsync(again);
    }

    [Fact]
    public async Task Session_lock_expiry_releases_the_session_and_old_receiver_gets_SessionLockLost()
    {
        var queue = SessionQueue("sexpire", TimeSpan.FromSeconds(2));
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x") { SessionId = "S" });
        await using var first = await fixture.Client.AcceptNextSessionAsync(queue);
        var message = await first.ReceiveMessageAsync(Wait);

        await using var second = await fixture.Client.AcceptNextSessionAsync(queue);
        var again = await second.ReceiveMessageAsync(Wait);

        Assert.Equal(message.SequenceNumber, again.SequenceNumber);
        Assert.Equal(2, again.DeliveryCount);
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => first.CompleteMessageAsync(message));
        Assert.Equal(ServiceBusFailureReason.SessionLockLost, error.Reason);
        await second.CompleteMessageAsync(again);
    }

    [Fact]
    public async Task Sending_without_session_id_to_a_session_queue_is_refused()
    {
        var queue = SessionQueue("snoid");
        await using var sender = fixture.Client.CreateSender(queue);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
    }

    [Fact]
    public async Task Non_session_receiver_on_a_session_queue_and_session_receiver_on_a_plain_queue_are_refused()
    {
        var sessionQueue = SessionQueue("smix");
        var plainQueue = fixture.CreateQueue("plain");
        await using var receiver = fixture.Client.CreateReceiver(sessionQueue);

        await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.AcceptSessionAsync(plainQueue, "S"));
    }

    [Fact]
    public async Task Deferral_and_peek_work_inside_a_session()
    {
        var queue = SessionQueue("sdefer");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("a") { SessionId = "S" }, new ServiceBusMessage("other") { SessionId = "T" }]);
        await using var receiver = await fixture.Client.AcceptSessionAsync(queue, "S");

        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeferMessageAsync(message);
        var peeked = await receiver.PeekMessagesAsync(10);
        var deferred = await receiver.ReceiveDeferredMessageAsync(message.SequenceNumber);
        await receiver.CompleteMessageAsync(deferred);

        Assert.Equal(["a"], peeked.Select(m => m.Body.ToString()));
        Assert.Equal(ServiceBusMessageState.Deferred, peeked[0].State);
    }

    [Fact]
    public async Task Dead_letter_queue_of_a_session_queue_is_not_session_enabled()
    {
        var queue = SessionQueue("sdlq");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("bad") { SessionId = "S" });
        await using var receiver = await fixture.Client.AcceptSessionAsync(queue, "S");
        await receiver.DeadLetterMessageAsync(await receiver.ReceiveMessageAsync(Wait), "Bad", "bad");

        await using var deadLetters = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(Wait);

        Assert.Equal("S", dead.SessionId);
        Assert.Equal("Bad", dead.DeadLetterReason);
    }

    [Fact]
    public async Task Session_processor_keeps_order_within_each_of_many_sessions()
    {
        const int Sessions = 50, PerSession = 20;
        var queue = SessionQueue("sproc");
        await using var sender = fixture.Client.CreateSender(queue);
        for (var s = 0; s < Sessions; s++)
        {
            await sender.SendMessagesAsync(Enumerable.Range(0, PerSession).Select(i => new ServiceBusMessage($"{i}") { SessionId = $"s{s}" }));
        }

        var lastSeen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var violations = 0;
        var processed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var processor = fixture.Client.CreateSessionProcessor(queue, new ServiceBusSessionProcessorOptions
        {
            MaxConcurrentSessions = 8,
            SessionIdleTimeout = TimeSpan.FromMilliseconds(500),
        });
        processor.ProcessMessageAsync += args =>
        {
            var index = int.Parse(args.Message.Body.ToString());
            var previous = lastSeen.GetOrAdd(args.SessionId, -1);
            if (index != previous + 1)
            {
                Interlocked.Increment(ref violations);
            }

            lastSeen[args.SessionId] = index;
            if (Interlocked.Increment(ref processed) == Sessions * PerSession)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await processor.StopProcessingAsync();

        Assert.Equal(0, violations);
        Assert.Equal(Sessions, lastSeen.Count);
        Assert.All(lastSeen.Values, last => Assert.Equal(PerSession - 1, last));
    }

    [Fact]
    public async Task Two_receivers_racing_for_one_session_get_it_once()
    {
        var queue = SessionQueue("srace");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x") { SessionId = "S" });
        await using var otherClient = fixture.CreateClient();

        var attempts = await Task.WhenAll(
            Attempt(fixture.Client.AcceptSessionAsync(queue, "S")),
            Attempt(otherClient.AcceptSessionAsync(queue, "S")));

        Assert.Single(attempts, a => a.Receiver is not null);
        Assert.Single(attempts, a => a.Error?.Reason == ServiceBusFailureReason.SessionCannotBeLocked);
        foreach (var (receiver, _) in attempts)
        {
            if (receiver is not null)
            {
                await receiver.DisposeAsync();
            }
        }

        static async Task<(ServiceBusSessionReceiver? Receiver, ServiceBusException? Error)> Attempt(Task<ServiceBusSessionReceiver> accept)
        {
            try
            {
                return (await accept, null);
            }
            catch (ServiceBusException ex)
            {
                return (null, ex);
            }
        }
    }

    [Fact]
    public async Task Settling_a_message_of_another_session_is_refused_and_changes_nothing()
    {
        var queue = SessionQueue("sother");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("x") { SessionId = "S" });
        await using var owner = await fixture.Client.AcceptSessionAsync(queue, "S");
        await using var stranger = await fixture.Client.AcceptSessionAsync(queue, "T");
        var message = await owner.ReceiveMessageAsync(Wait);

        // The SDK refuses a lock token its session did not receive; the emulator refuses it too (see broker tests).
        var refused = await Assert.ThrowsAsync<ServiceBusException>(() => stranger.CompleteMessageAsync(message));
        Assert.Equal(ServiceBusFailureReason.SessionLockLost, refused.Reason);

        await owner.CompleteMessageAsync(message);
    }

    [Fact]
    public async Task Over_long_session_id_and_over_large_state_are_refused()
    {
        var queue = SessionQueue("sbad");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = await fixture.Client.AcceptSessionAsync(queue, "S");

        // The SDK checks the id length before sending; the emulator checks it again for other clients.
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceBusMessage("x") { SessionId = new string('s', 129) });
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.SetSessionStateAsync(new BinaryData(new byte[300 * 1024])));
        Assert.Equal(ServiceBusFailureReason.MessageSizeExceeded, error.Reason);
        Assert.Null(await receiver.GetSessionStateAsync());
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(queue)!.MessageCount);
    }

    [Fact]
    public async Task GetMessageSessions_lists_sessions_with_messages_or_state()
    {
        var queue = SessionQueue("slist");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("a") { SessionId = "A" }, new ServiceBusMessage("b") { SessionId = "B" }]);
        await using (var receiver = await fixture.Client.AcceptSessionAsync(queue, "C"))
        {
            await receiver.SetSessionStateAsync(BinaryData.FromString("state"));
        }

        var ids = new List<string>();
        await foreach (var id in fixture.Client.GetMessageSessionsAsync(queue))
        {
            ids.Add(id);
        }

        Assert.Equal(["A", "B", "C"], ids.Order());
    }
}
