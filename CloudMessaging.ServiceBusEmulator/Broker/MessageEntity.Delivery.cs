using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Delivery: the attached consumers, served round-robin as far as each one's credit goes. Messages are taken under
/// the lock and handed over outside it by the <see cref="DeliveryPump"/>, one pass at a time.
/// </summary>
internal sealed partial class MessageEntity
{
    private readonly DeliveryPump _pump;
    private readonly PriorityQueue<BrokerMessage, long> _available = new();
    private readonly List<(IMessageConsumer Consumer, MessageDelivery Delivery)> _pumpBatch = [];
    private IMessageConsumer[] _consumers = [];
    private int _nextConsumer;

    public void AddConsumer(IMessageConsumer consumer)
    {
        lock (_sync)
        {
            _consumers = [.. _consumers, consumer];
        }

        RequestPump();
    }

    public void RemoveConsumer(IMessageConsumer consumer)
    {
        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            _consumers = Array.FindAll(_consumers, c => c != consumer);
            if (consumer.SessionId is { } sessionId && _sessions!.TryGetValue(sessionId, out var session) && session.Holder == consumer)
            {
                ReleaseSession(session, _time.GetUtcNow(), ref deadLettered);
            }
        }

        SendDeadLettered(deadLettered);
        RequestPump();
    }

    /// <summary>Something changed that may let a consumer take a message: arrival, credit, an unlock.</summary>
    public void RequestPump() => _pump.Request();

    private void PumpOnce()
    {
        while (true)
        {
            List<BrokerMessage>? deadLettered = null;
            lock (_sync)
            {
                var consumers = _consumers;
                if (consumers.Length > 0 && !_disposed)
                {
                    var now = _time.GetUtcNow();
                    var start = _nextConsumer++ % consumers.Length;
                    for (var i = 0; i < consumers.Length; i++)
                    {
                        TakeFor(consumers[(start + i) % consumers.Length], now, ref deadLettered);
                    }

                    ArmTimer(now);
                }
            }

            SendDeadLettered(deadLettered);
            if (_pumpBatch.Count == 0)
            {
                return;
            }

            foreach (var (consumer, delivery) in _pumpBatch)
            {
                try
                {
                    consumer.Deliver(delivery);
                }
                catch (Exception ex)
                {
                    // A lock taken for a consumer that vanished simply expires and the message comes back.
                    LogDeliveryFailed(ex, delivery.Message.SequenceNumber, Name);
                }
            }

            _pumpBatch.Clear();
        }
    }

    /// <summary>Adds to the pump's batch as many available messages as the consumer has credit for.</summary>
    private void TakeFor(IMessageConsumer consumer, DateTimeOffset now, ref List<BrokerMessage>? deadLettered)
    {
        var available = AvailableFor(consumer);
        if (available is null || available.Count == 0)
        {
            return;
        }

        var credit = consumer.AvailableCredit;
        while (credit > 0 && available.TryDequeue(out var message, out _))
        {
            if (!message.IsLive || message.State != MessageState.Active || message.IsLocked)
            {
                continue;
            }

            if (message.ExpiresAt <= now)
            {
                Expire(message, ref deadLettered);
                continue;
            }

            _pumpBatch.Add((consumer, Take(message, consumer.ReceiveMode, now)));
            credit--;
        }
    }

    /// <summary>Hands a message to a receiver: locked (in a session, under the session's lock), or removed in ReceiveAndDelete mode.</summary>
    private MessageDelivery Take(BrokerMessage message, ReceiveMode mode, DateTimeOffset now)
    {
        Touch(now);
        _telemetry.Received();
        var prior = message.DeliveryCount++;
        if (mode == ReceiveMode.ReceiveAndDelete)
        {
            RemoveLive(message);
            return new MessageDelivery(message, Guid.NewGuid(), default, prior, message.State);
        }

        // Message locks in a session live and die with the session lock.
        var session = SessionOf(message) is { IsLocked: true } locked ? locked : null;
        var lockToken = _locks.Lock(message, session?.LockedUntil ?? now + Settings.LockDuration, expiresWithSession: session is not null);
        session?.Locked.Add(message);
        _store.MarkLocked(message);
        return new MessageDelivery(message, lockToken, message.LockedUntil, prior, message.State);
    }

    /// <summary>The messages a consumer may take: a session receiver sees only the session it holds.</summary>
    private PriorityQueue<BrokerMessage, long>? AvailableFor(IMessageConsumer consumer)
    {
        if (consumer.SessionId is not { } sessionId)
        {
            return _sessions is null ? _available : null;
        }

        return _sessions is not null && _sessions.TryGetValue(sessionId, out var session) && session.Holder == consumer ? session.Available : null;
    }

    /// <summary>Where the available messages wait: the session's own FIFO for a session receiver.</summary>
    private void MakeAvailable(BrokerMessage message, DateTimeOffset now)
    {
        if (_sessions is null)
        {
            _available.Enqueue(message, message.SequenceNumber);
            return;
        }

        var session = GetSession(message.Fields.SessionId!);
        session.Available.Enqueue(message, message.SequenceNumber);
        if (!session.IsLocked && _sessionWaiters.Count > 0)
        {
            GrantToWaiter(session, now);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery of message {SequenceNumber} from {Entity} failed.")]
    private partial void LogDeliveryFailed(Exception exception, long sequenceNumber, string entity);
}
