using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Broker;

/// <summary>Staged work and held locks on the broker side, on a fake clock.</summary>
public sealed class BrokerTransactionTests : IDisposable
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TransactionTimeout = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MessageEntity _entity;
    private readonly TestConsumer _consumer = new() { Credit = 10 };
    private readonly TransactionRegistry _registry;
    private readonly object _connection = new();

    public BrokerTransactionTests()
    {
        _entity = new MessageEntity("q", new EntitySettings { LockDuration = LockDuration }, _time, _ => null, NullLogger.Instance);
        _entity.AddConsumer(_consumer);
        _registry = new TransactionRegistry(_time, TransactionTimeout);
    }

    public void Dispose() => _entity.Dispose();

    [Fact]
    public void A_held_lock_outlives_its_expiry_and_the_commit_settles_the_message()
    {
        var lockToken = ReceiveOne();
        var transaction = _registry.Declare(_connection);
        transaction.StageSettlement(_entity, lockToken, Settlement.Complete, null);

        _time.Advance(LockDuration * 2);
        Assert.Single(_consumer.Deliveries);
        Assert.Equal(1, _entity.MessageCount);

        _registry.Discharge(transaction.Id, _connection, fail: false);
        Assert.Equal(0, _entity.MessageCount);
    }

    [Fact]
    public void Rollback_after_the_lock_expired_returns_the_message_at_once()
    {
        var lockToken = ReceiveOne();
        var transaction = _registry.Declare(_connection);
        transaction.StageSettlement(_entity, lockToken, Settlement.Complete, null);
        _time.Advance(LockDuration * 2);

        _registry.Discharge(transaction.Id, _connection, fail: true);

        Assert.Equal(2, _consumer.Deliveries.Count);
        Assert.Equal(1, _consumer.Deliveries[1].PriorDeliveryCount);
    }

    [Fact]
    public void Rollback_before_expiry_leaves_the_message_locked_until_its_lock_expires()
    {
        var lockToken = ReceiveOne();
        var transaction = _registry.Declare(_connection);
        transaction.StageSettlement(_entity, lockToken, Settlement.Complete, null);
        _time.Advance(TimeSpan.FromSeconds(10));

        _registry.Discharge(transaction.Id, _connection, fail: true);
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Single(_consumer.Deliveries);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, _consumer.Deliveries.Count);
    }

    [Fact]
    public void A_held_message_cannot_be_settled_outside_its_transaction()
    {
        var lockToken = ReceiveOne();
        var transaction = _registry.Declare(_connection);
        transaction.StageSettlement(_entity, lockToken, Settlement.Complete, null);

        var error = Assert.Throws<BrokerException>(() => _entity.Complete(lockToken));
        Assert.Equal(BrokerError.InvalidOperation, error.Error);
        Assert.Throws<BrokerException>(() => transaction.StageSettlement(_entity, lockToken, Settlement.Complete, null));
    }

    [Fact]
    public void Sends_are_stored_and_numbered_at_commit_only()
    {
        var transaction = _registry.Declare(_connection);
        transaction.StageSend(_entity, [Message("a"), Message("b")]);
        Assert.Equal(0, _entity.MessageCount);

        _registry.Discharge(transaction.Id, _connection, fail: false);

        Assert.Equal([1L, 2], _consumer.Deliveries.Select(d => d.Message.SequenceNumber));
    }

    [Fact]
    public void A_scheduled_message_gets_its_number_at_once_and_is_stored_at_commit()
    {
        _entity.Send([Message("before")]);
        var transaction = _registry.Declare(_connection);
        var numbers = transaction.StageSchedule(_entity, [Message("later", scheduledAt: _time.GetUtcNow().AddHours(1))]);
        _entity.Send([Message("meanwhile")]);
        Assert.Equal([1L, 3], _entity.Peek(1, 10).Select(d => d.Message.SequenceNumber));

        _registry.Discharge(transaction.Id, _connection, fail: false);

        Assert.Equal([2L], numbers);
        Assert.Equal([1L, 2, 3], _entity.Peek(1, 10).Select(d => d.Message.SequenceNumber));
    }

    [Fact]
    public void A_timed_out_transaction_is_rolled_back_and_refuses_work_and_commit()
    {
        var lockToken = ReceiveOne();
        var transaction = _registry.Declare(_connection);
        transaction.StageSend(_entity, [Message("b")]);
        transaction.StageSettlement(_entity, lockToken, Settlement.Complete, null);

        _time.Advance(TransactionTimeout);

        Assert.True(transaction.HasTimedOut);
        Assert.Equal(2, _consumer.Deliveries.Count);
        Assert.Equal(BrokerError.TransactionTimedOut, Assert.Throws<BrokerException>(() => transaction.StageSend(_entity, [Message("c")])).Error);
        Assert.Equal(
            BrokerError.TransactionTimedOut,
            Assert.Throws<BrokerException>(() => _registry.Discharge(transaction.Id, _connection, fail: false)).Error);
        Assert.Equal(1, _entity.MessageCount);
        Assert.Empty(_registry.Open);
    }

    [Fact]
    public void Only_the_declaring_connection_finds_the_transaction_and_a_discharged_one_is_unknown()
    {
        var transaction = _registry.Declare(_connection);

        Assert.Equal(BrokerError.TransactionUnknown, Assert.Throws<BrokerException>(() => _registry.Find(transaction.Id, new object())).Error);
        _registry.Discharge(transaction.Id, _connection, fail: true);
        Assert.Equal(BrokerError.TransactionUnknown, Assert.Throws<BrokerException>(() => _registry.Find(transaction.Id, _connection)).Error);
    }

    [Fact]
    public void A_transaction_stays_on_its_first_top_level_entity_unless_it_spans_entities()
    {
        var transaction = _registry.Declare(_connection);
        transaction.Enter("t1/Subscriptions/s1", crossEntity: false);
        transaction.Enter("t1", crossEntity: false);
        transaction.Enter("T1/Subscriptions/s1/$DeadLetterQueue", crossEntity: false);

        Assert.Equal(BrokerError.InvalidOperation, Assert.Throws<BrokerException>(() => transaction.Enter("q2", crossEntity: false)).Error);
        transaction.Enter("q2", crossEntity: true);
    }

    private Guid ReceiveOne()
    {
        _entity.Send([Message("a")]);
        return _consumer.Deliveries.Single().LockToken;
    }

    private static BrokerMessage Message(string body, DateTimeOffset? scheduledAt = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(body), new MessageHeaderFields { ScheduledEnqueueTime = scheduledAt });
}
