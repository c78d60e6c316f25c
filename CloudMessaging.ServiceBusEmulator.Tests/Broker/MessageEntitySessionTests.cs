using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Broker;

public sealed class MessageEntitySessionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MessageEntity _entity;

    public MessageEntitySessionTests()
    {
        var settings = new EntitySettings { RequiresSession = true, LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 5 };
        var deadLetters = new MessageEntity("q/$DeadLetterQueue", EntitySettings.DeadLetterQueueOf(settings), _time, _ => null, NullLogger.Instance);
        _entity = new MessageEntity("q", settings, _time, _ => null, NullLogger.Instance) { DeadLetterQueue = deadLetters };
    }

    public void Dispose() => _entity.Dispose();

    [Fact]
    public async Task Holder_receives_only_its_session_in_order()
    {
        _entity.Send([Message("A", "a1"), Message("B", "b1"), Message("A", "a2")]);
        var consumer = new TestConsumer { Credit = 10 };

        var grant = await _entity.AcceptSessionAsync("A", consumer, TimeSpan.Zero, CancellationToken.None);
        consumer.SessionId = grant.SessionId;
        _entity.AddConsumer(consumer);

        Assert.Equal(["a1", "a2"], consumer.Deliveries.Select(d => Body(d.Message)));
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), grant.LockedUntil);
    }

    [Fact]
    public async Task Accept_next_waits_until_a_session_has_messages_and_times_out_otherwise()
    {
        var waiting = _entity.AcceptSessionAsync(null, new TestConsumer(), TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _entity.Send([Message("S", "x")]);

        Assert.Equal("S", (await waiting).SessionId);
        var timingOut = _entity.AcceptSessionAsync(null, new TestConsumer(), TimeSpan.FromSeconds(10), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<BrokerException>(() => timingOut);
        Assert.Equal(BrokerError.Timeout, error.Error);
    }

    [Fact]
    public async Task Session_lock_expiry_releases_unsettled_messages_with_one_more_delivery()
    {
        _entity.Send([Message("S", "x")]);
        var first = new TestConsumer { Credit = 1 };
        first.SessionId = (await _entity.AcceptSessionAsync("S", first, TimeSpan.Zero, CancellationToken.None)).SessionId;
        _entity.AddConsumer(first);
        var delivered = Assert.Single(first.Deliveries);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(first.SessionLockLost);
        var lost = Assert.Throws<BrokerException>(() => _entity.Complete(delivered.LockToken, "S"));
        Assert.Equal(BrokerError.SessionLockLost, lost.Error);
        var second = new TestConsumer { Credit = 1 };
        second.SessionId = (await _entity.AcceptSessionAsync(null, second, TimeSpan.Zero, CancellationToken.None)).SessionId;
        _entity.AddConsumer(second);
        Assert.Equal(1, Assert.Single(second.Deliveries).PriorDeliveryCount);
    }

    [Fact]
    public async Task Renewed_session_lock_survives_its_first_expiry()
    {
        var consumer = new TestConsumer();
        await _entity.AcceptSessionAsync("S", consumer, TimeSpan.Zero, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(20));
        var lockedUntil = _entity.RenewSessionLock("S");
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(_time.GetUtcNow().AddSeconds(10), lockedUntil);
        _entity.SetSessionState("S", [1]);
        Assert.Equal([1], _entity.GetSessionState("S"));
    }

    [Fact]
    public async Task Locked_session_cannot_be_accepted_twice()
    {
        await _entity.AcceptSessionAsync("S", new TestConsumer(), TimeSpan.Zero, CancellationToken.None);

        var error = await Assert.ThrowsAsync<BrokerException>(() => _entity.AcceptSessionAsync("S", new TestConsumer(), TimeSpan.Zero, CancellationToken.None));

        Assert.Equal(BrokerError.SessionCannotBeLocked, error.Error);
    }

    [Fact]
    public async Task Settling_with_another_session_id_is_refused_and_keeps_the_lock()
    {
        _entity.Send([Message("S", "x")]);
        var consumer = new TestConsumer { Credit = 1 };
        consumer.SessionId = (await _entity.AcceptSessionAsync("S", consumer, TimeSpan.Zero, CancellationToken.None)).SessionId;
        _entity.AddConsumer(consumer);
        var token = consumer.Deliveries[0].LockToken;

        var error = Assert.Throws<BrokerException>(() => _entity.Complete(token, "T"));

        Assert.Equal(BrokerError.InvalidOperation, error.Error);
        _entity.Complete(token, "S");
        Assert.Equal(0, _entity.MessageCount);
    }

    [Fact]
    public void Messages_without_or_with_over_long_session_ids_are_refused()
    {
        Assert.Equal(BrokerError.InvalidOperation, Assert.Throws<BrokerException>(() => _entity.Send([Message(null, "x")])).Error);
        Assert.Equal(BrokerError.ArgumentError, Assert.Throws<BrokerException>(() => _entity.Send([Message(new string('s', 129), "x")])).Error);
        Assert.Equal(0, _entity.MessageCount);
    }

    private static BrokerMessage Message(string? sessionId, string body) =>
        new(System.Text.Encoding.UTF8.GetBytes(body), new MessageHeaderFields { SessionId = sessionId });

    private static string Body(BrokerMessage message) => System.Text.Encoding.UTF8.GetString(message.Encoded);
}
