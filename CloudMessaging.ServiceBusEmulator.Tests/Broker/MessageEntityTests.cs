using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Broker;

public sealed class MessageEntityTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<MessageEntity> _entities = [];
    private readonly Dictionary<string, IMessageTarget> _targets = [];

    public void Dispose()
    {
        foreach (var entity in _entities)
        {
            entity.Dispose();
        }
    }

    [Fact]
    public void Arrival_is_delivered_to_a_consumer_with_credit_in_sequence_order()
    {
        var entity = CreateEntity(new EntitySettings());
        var consumer = new TestConsumer { Credit = 10 };
        entity.AddConsumer(consumer);

        entity.Send([Message("a"), Message("b"), Message("c")]);

        Assert.Equal([1L, 2, 3], consumer.Deliveries.Select(d => d.Message.SequenceNumber));
        Assert.All(consumer.Deliveries, d => Assert.Equal(0, d.PriorDeliveryCount));
        Assert.All(consumer.Deliveries, d => Assert.Equal(_time.GetUtcNow() + EntitySettingsDefaults.LockDuration, d.LockedUntil));
    }

    [Fact]
    public void Nothing_is_delivered_beyond_credit_and_new_credit_resumes_delivery()
    {
        var entity = CreateEntity(new EntitySettings());
        var consumer = new TestConsumer { Credit = 1 };
        entity.AddConsumer(consumer);
        entity.Send([Message("a"), Message("b")]);
        Assert.Single(consumer.Deliveries);

        consumer.Credit = 5;
        entity.RequestPump();

        Assert.Equal(2, consumer.Deliveries.Count);
    }

    [Fact]
    public void Lock_expiry_makes_the_message_available_again_with_one_more_delivery()
    {
        var entity = CreateEntity(new EntitySettings { LockDuration = TimeSpan.FromSeconds(30) });
        var consumer = new TestConsumer { Credit = 10 };
        entity.AddConsumer(consumer);
        entity.Send([Message("a")]);
        var first = consumer.Deliveries[0];

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(consumer.Deliveries);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, consumer.Deliveries.Count);
        Assert.Equal(1, consumer.Deliveries[1].PriorDeliveryCount);
        var lost = Assert.Throws<BrokerException>(() => entity.Complete(first.LockToken));
        Assert.Equal(BrokerError.MessageLockLost, lost.Error);
    }

    [Fact]
    public void Renewed_lock_outlives_the_original_expiry()
    {
        var entity = CreateEntity(new EntitySettings { LockDuration = TimeSpan.FromSeconds(30) });
        var consumer = new TestConsumer { Credit = 1 };
        entity.AddConsumer(consumer);
        entity.Send([Message("a")]);
        var token = consumer.Deliveries[0].LockToken;

        _time.Advance(TimeSpan.FromSeconds(20));
        var lockedUntil = entity.RenewLock(token);
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(10), lockedUntil);
        entity.Complete(token);
        Assert.Equal(0, entity.MessageCount);
    }

    [Fact]
    public void Abandon_beyond_max_delivery_count_dead_letters_with_reason()
    {
        var entity = CreateEntity(new EntitySettings { MaxDeliveryCount = 2 });
        var consumer = new TestConsumer { Credit = 10 };
        entity.AddConsumer(consumer);
        entity.Send([Message("a")]);

        entity.Abandon(consumer.Deliveries[0].LockToken, null);
        entity.Abandon(consumer.Deliveries[1].LockToken, null);

        Assert.Equal(2, consumer.Deliveries.Count);
        Assert.Equal(0, entity.MessageCount);
        var deadLettered = Assert.Single(entity.DeadLetterQueue!.Peek(1, 10));
        Assert.Equal(MessageEntity.MaxDeliveryCountExceededReason, deadLettered.Message.PropertyOverrides![MessageEntity.DeadLetterReasonProperty]);
    }

    [Fact]
    public void Expired_messages_are_never_delivered_and_dead_lettered_when_configured()
    {
        var entity = CreateEntity(new EntitySettings { DefaultMessageTimeToLive = TimeSpan.FromMinutes(1), DeadLetteringOnMessageExpiration = true });
        entity.Send([Message("a"), Message("b", ttl: TimeSpan.FromSeconds(10))]);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, entity.MessageCount);
        _time.Advance(TimeSpan.FromSeconds(50));

        var consumer = new TestConsumer { Credit = 10 };
        entity.AddConsumer(consumer);
        Assert.Empty(consumer.Deliveries);
        Assert.Equal(2, entity.DeadLetterQueue!.MessageCount);
        Assert.All(entity.DeadLetterQueue.Peek(1, 10), d => Assert.Equal(MessageEntity.TtlExpiredReason, d.Message.PropertyOverrides![MessageEntity.DeadLetterReasonProperty]));
    }

    [Fact]
    public void Scheduled_message_becomes_active_at_its_time_and_cancelled_one_never_does()
    {
        var entity = CreateEntity(new EntitySettings());
        var consumer = new TestConsumer { Credit = 10 };
        entity.AddConsumer(consumer);
        var at = _time.GetUtcNow().AddMinutes(5);

        var sequenceNumbers = entity.Schedule([Message("kept", scheduledAt: at), Message("cancelled", scheduledAt: at)]);
        entity.CancelScheduled([sequenceNumbers[1]]);
        Assert.Equal(MessageState.Scheduled, entity.Peek(1, 1)[0].State);
        _time.Advance(TimeSpan.FromMinutes(5));

        var delivery = Assert.Single(consumer.Deliveries);
        Assert.Equal(sequenceNumbers[0], delivery.Message.SequenceNumber);
        Assert.Equal(at, delivery.Message.EnqueuedTime);
    }

    [Fact]
    public void Deferred_message_is_only_received_by_sequence_number()
    {
        var entity = CreateEntity(new EntitySettings());
        var consumer = new TestConsumer { Credit = 1 };
        entity.AddConsumer(consumer);
        entity.Send([Message("a")]);
        entity.Defer(consumer.Deliveries[0].LockToken, null);
        consumer.Credit = 10;
        entity.RequestPump();
        Assert.Single(consumer.Deliveries);

        var deferred = Assert.Single(entity.ReceiveDeferred([1], ReceiveMode.PeekLock));
        Assert.Equal(MessageState.Deferred, deferred.State);
        entity.Abandon(deferred.LockToken, null);
        var again = Assert.Single(entity.ReceiveDeferred([1], ReceiveMode.PeekLock));
        entity.Complete(again.LockToken);

        var missing = Assert.Throws<BrokerException>(() => entity.ReceiveDeferred([1], ReceiveMode.PeekLock));
        Assert.Equal(BrokerError.MessageNotFound, missing.Error);
    }

    [Fact]
    public void Duplicate_detection_forgets_ids_after_the_window()
    {
        var entity = CreateEntity(new EntitySettings { RequiresDuplicateDetection = true, DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(1) });

        entity.Send([Message("a", messageId: "x"), Message("b", messageId: "x")]);
        Assert.Equal(1, entity.MessageCount);
        _time.Advance(TimeSpan.FromMinutes(1));
        entity.Send([Message("c", messageId: "x")]);

        Assert.Equal(2, entity.MessageCount);
    }

    [Fact]
    public void Competing_consumers_take_turns()
    {
        var entity = CreateEntity(new EntitySettings());
        var first = new TestConsumer { Credit = 1 };
        var second = new TestConsumer { Credit = 1 };
        entity.AddConsumer(first);
        entity.AddConsumer(second);

        entity.Send([Message("a"), Message("b"), Message("c")]);

        Assert.Single(first.Deliveries);
        Assert.Single(second.Deliveries);
        Assert.Equal(3, entity.MessageCount);
    }

    [Fact]
    public void Receive_and_delete_removes_on_delivery()
    {
        var entity = CreateEntity(new EntitySettings());
        var consumer = new TestConsumer(ReceiveMode.ReceiveAndDelete) { Credit = 5 };
        entity.AddConsumer(consumer);

        entity.Send([Message("a"), Message("b")]);

        Assert.Equal(2, consumer.Deliveries.Count);
        Assert.Equal(0, entity.MessageCount);
    }

    [Fact]
    public void Forwarding_sends_arrivals_to_the_target()
    {
        var target = CreateEntity(new EntitySettings(), "target");
        var source = CreateEntity(new EntitySettings { ForwardTo = "target" }, "source");

        source.Send([Message("a")]);

        Assert.Equal(0, source.MessageCount);
        Assert.Equal(1, target.MessageCount);
    }

    [Fact]
    public void Delete_messages_removes_unlocked_messages_enqueued_before_the_time_oldest_first()
    {
        var entity = CreateEntity(new EntitySettings());
        entity.Send([Message("a"), Message("b")]);
        _time.Advance(TimeSpan.FromMinutes(1));
        var cutoff = _time.GetUtcNow();
        entity.Send([Message("c")]);
        var consumer = new TestConsumer { Credit = 1 };
        entity.AddConsumer(consumer);

        Assert.Equal(1, entity.DeleteMessages(10, cutoff));

        Assert.Equal([1L, 3], entity.Peek(1, 10).Select(d => d.Message.SequenceNumber));
    }

    private MessageEntity CreateEntity(EntitySettings settings, string name = "q")
    {
        var deadLetterQueue = new MessageEntity(name + "/$DeadLetterQueue", EntitySettings.DeadLetterQueueOf(settings), _time, Find, NullLogger.Instance);
        var entity = new MessageEntity(name, settings, _time, Find, NullLogger.Instance) { DeadLetterQueue = deadLetterQueue };
        _entities.Add(entity);
        _entities.Add(deadLetterQueue);
        _targets[name] = entity;
        return entity;
    }

    private IMessageTarget? Find(string name) => _targets.GetValueOrDefault(name);

    private static BrokerMessage Message(string body, string? messageId = null, TimeSpan? ttl = null, DateTimeOffset? scheduledAt = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(body), new MessageHeaderFields { MessageId = messageId, TimeToLive = ttl, ScheduledEnqueueTime = scheduledAt });

    private static class EntitySettingsDefaults
    {
        public static readonly TimeSpan LockDuration = new EntitySettings().LockDuration;
    }
}
