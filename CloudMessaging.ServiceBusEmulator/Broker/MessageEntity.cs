using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// A queue-like entity: a queue, a subscription or a dead-letter sub-queue. It owns its messages, their locks and
/// their timers; all state is guarded by one lock per entity, so entities never contend with each other.
/// Messages reach consumers by a single "pumper" at a time, triggered by arrivals, credit and unlocks (no polling).
/// </summary>
internal sealed partial class MessageEntity : IMessageTarget, IScheduleTarget, IDisposable
{
    internal const string DeadLetterQueueSuffix = "/$DeadLetterQueue";
    internal const string MaxDeliveryCountExceededReason = "MaxDeliveryCountExceeded";
    internal const string TtlExpiredReason = "TTLExpiredException";
    internal const string DeadLetterReasonProperty = "DeadLetterReason";
    internal const string DeadLetterDescriptionProperty = "DeadLetterErrorDescription";

    private const int PumpIdle = 0;
    private const int PumpRunning = 1;
    private const int PumpRunningAndRequested = 2;

    // ITimer rejects due times beyond ~49 days; a timer that fires early just re-arms.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly Func<string, IMessageTarget?> _resolveTarget;
    private readonly ILogger _logger;
    private readonly Dictionary<long, BrokerMessage> _messages = [];
    private readonly PriorityQueue<BrokerMessage, long> _available = new();
    private readonly Dictionary<Guid, BrokerMessage> _locks = [];
    private readonly LockExpiryList _lockExpiry = new();
    private readonly PriorityQueue<BrokerMessage, DateTimeOffset> _deadlines = new();
    private readonly DuplicateDetector? _duplicates;
    private readonly ITimer _timer;
    private readonly List<(IMessageConsumer Consumer, MessageDelivery Delivery)> _pumpBatch = [];
    private readonly Dictionary<string, MessageSession>? _sessions;
    private readonly PriorityQueue<MessageSession, DateTimeOffset> _sessionDeadlines = new();
    private readonly List<(TaskCompletionSource<SessionGrant> Waiter, IMessageConsumer Consumer)> _sessionWaiters = [];
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;
    private long _lastSequenceNumber;
    private IMessageConsumer[] _consumers = [];
    private int _nextConsumer;
    private int _pumpState;
    private bool _disposed;

    public MessageEntity(string name, EntitySettings settings, TimeProvider time, Func<string, IMessageTarget?> resolveTarget, ILogger logger)
    {
        Name = name;
        Settings = settings;
        _time = time;
        _resolveTarget = resolveTarget;
        _logger = logger;
        _sessions = settings.RequiresSession ? new Dictionary<string, MessageSession>(StringComparer.Ordinal) : null;
        _duplicates = settings.RequiresDuplicateDetection ? new DuplicateDetector(settings.DuplicateDetectionHistoryTimeWindow) : null;
        _timer = time.CreateTimer(static state => ((MessageEntity)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name { get; }

    public EntitySettings Settings { get; }

    /// <summary>The entity's own dead-letter sub-queue; null for a dead-letter queue itself.</summary>
    public MessageEntity? DeadLetterQueue { get; init; }

    /// <summary>Number of live messages (active, locked, deferred, scheduled).</summary>
    public int MessageCount
    {
        get
        {
            lock (_sync)
            {
                return _messages.Count;
            }
        }
    }

    public void Send(IReadOnlyList<BrokerMessage> messages, int hopCount = 0)
    {
        CheckSessionIds(messages);
        if (Settings.ForwardTo is { } forwardTo)
        {
            Forward(forwardTo, messages, hopCount);
            return;
        }

        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            foreach (var message in messages)
            {
                if (IsDuplicate(message, now))
                {
                    continue;
                }

                if (message.Fields.ScheduledEnqueueTime is { } at && at > now)
                {
                    AddScheduled(message, at, now);
                }
                else
                {
                    AddActive(message, now, ref deadLettered);
                }
            }

            ArmTimer(now);
        }

        SendDeadLettered(deadLettered);
        RequestPump();
    }

    /// <summary>Schedules messages for later visibility and returns their sequence numbers, in order.</summary>
    public long[] Schedule(IReadOnlyList<BrokerMessage> messages)
    {
        CheckSessionIds(messages);
        return Schedule(messages, ReserveSequenceNumbers(messages.Count));
    }

    /// <summary>Numbers for messages scheduled later (at a transaction's commit) that the sender must learn now.</summary>
    public long[] ReserveSequenceNumbers(int count)
    {
        lock (_sync)
        {
            return SequenceNumbers.Take(ref _lastSequenceNumber, count);
        }
    }

    /// <summary>Schedules messages under sequence numbers reserved for them, in order.</summary>
    public long[] Schedule(IReadOnlyList<BrokerMessage> messages, long[] sequenceNumbers)
    {
        CheckSessionIds(messages);
        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                var at = message.Fields.ScheduledEnqueueTime ?? now;
                if (at > now)
                {
                    AddScheduled(message, at, now, sequenceNumbers[i]);
                }
                else
                {
                    AddActive(message, now, ref deadLettered, sequenceNumbers[i]);
                }
            }

            ArmTimer(now);
        }

        SendDeadLettered(deadLettered);
        RequestPump();
        return sequenceNumbers;
    }

    /// <summary>Removes scheduled messages; numbers that are unknown or no longer scheduled are ignored, as on the service.</summary>
    public void CancelScheduled(IEnumerable<long> sequenceNumbers)
    {
        lock (_sync)
        {
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (_messages.TryGetValue(sequenceNumber, out var message) && message.State == MessageState.Scheduled)
                {
                    RemoveLive(message);
                }
            }
        }
    }

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

    public void Complete(Guid lockToken, string? sessionId = null, object? transaction = null)
    {
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            RemoveLive(message);
        }
    }

    public void Abandon(
        Guid lockToken, IReadOnlyDictionary<string, object?>? propertiesToModify, string? sessionId = null, object? transaction = null)
    {
        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            message.ApplyPropertyOverrides(propertiesToModify);
            ReturnAfterLock(message, _time.GetUtcNow(), ref deadLettered);
        }

        SendDeadLettered(deadLettered);
        RequestPump();
    }

    /// <summary>The client gave the message back without processing it (a late prefetch): unlock without counting.</summary>
    public void Release(Guid lockToken)
    {
        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            if (!_locks.TryGetValue(lockToken, out var message) || message.HeldBy is not null)
            {
                return;
            }

            Unlock(message);
            message.DeliveryCount = Math.Max(0, message.DeliveryCount - 1);
            ReturnAfterLock(message, _time.GetUtcNow(), ref deadLettered);
        }

        SendDeadLettered(deadLettered);
        RequestPump();
    }

    public void Defer(
        Guid lockToken, IReadOnlyDictionary<string, object?>? propertiesToModify, string? sessionId = null, object? transaction = null)
    {
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            message.ApplyPropertyOverrides(propertiesToModify);
            message.State = MessageState.Deferred;
        }
    }

    public void DeadLetter(
        Guid lockToken,
        string? reason,
        string? description,
        IReadOnlyDictionary<string, object?>? propertiesToModify,
        string? sessionId = null,
        object? transaction = null)
    {
        if (Settings.IsDeadLetterQueue)
        {
            throw new BrokerException(BrokerError.InvalidOperation, $"Messages in '{Name}' cannot be dead-lettered again.");
        }

        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            message.ApplyPropertyOverrides(propertiesToModify);
            MoveToDeadLetter(message, reason, description, ref deadLettered);
        }

        SendDeadLettered(deadLettered);
    }

    /// <summary>Stores a message that arrives already condemned (a topic rule failed on it) straight in the dead-letter target.</summary>
    public void DeadLetterOnArrival(BrokerMessage message, string reason, string? description)
    {
        var copy = message.CopyForTransfer();
        copy.SetPropertyOverride(DeadLetterReasonProperty, reason);
        if (description is not null)
        {
            copy.SetPropertyOverride(DeadLetterDescriptionProperty, description);
        }

        SendDeadLettered([copy]);
    }

    public DateTimeOffset RenewLock(Guid lockToken)
    {
        lock (_sync)
        {
            var message = FindValidLock(lockToken);
            if (_sessions is not null)
            {
                return message.LockedUntil;
            }

            var now = _time.GetUtcNow();
            message.LockedUntil = now + Settings.LockDuration;
            if (message.HeldBy is null)
            {
                _lockExpiry.Remove(message);
                _lockExpiry.Append(message);
            }

            ArmTimer(now);
            return message.LockedUntil;
        }
    }

    /// <summary>Receives deferred messages by sequence number; every number must name a deferred, unlocked message.</summary>
    public IReadOnlyList<MessageDelivery> ReceiveDeferred(IReadOnlyList<long> sequenceNumbers, ReceiveMode mode, string? sessionId = null)
    {
        var deliveries = new List<MessageDelivery>(sequenceNumbers.Count);
        lock (_sync)
        {
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (!_messages.TryGetValue(sequenceNumber, out var message) || message.State != MessageState.Deferred || message.IsLocked
                    || (sessionId is not null && message.Fields.SessionId != sessionId))
                {
                    throw new BrokerException(BrokerError.MessageNotFound, $"No deferred message with sequence number {sequenceNumber} is available in '{Name}'.");
                }
            }

            var now = _time.GetUtcNow();
            foreach (var sequenceNumber in sequenceNumbers)
            {
                deliveries.Add(Take(_messages[sequenceNumber], mode, now));
            }

            ArmTimer(now);
        }

        return deliveries;
    }

    /// <summary>Messages from a sequence number on, in order, without locking them.</summary>
    public IReadOnlyList<MessageDelivery> Peek(long fromSequenceNumber, int maxCount, string? sessionId = null)
    {
        var result = new List<MessageDelivery>(Math.Min(maxCount, 256));
        lock (_sync)
        {
            for (var sequenceNumber = Math.Max(1, fromSequenceNumber); sequenceNumber <= _lastSequenceNumber && result.Count < maxCount; sequenceNumber++)
            {
                if (_messages.TryGetValue(sequenceNumber, out var message) && (sessionId is null || message.Fields.SessionId == sessionId))
                {
                    result.Add(new MessageDelivery(message, Guid.Empty, message.LockedUntil, message.DeliveryCount, message.State));
                }
            }
        }

        return result;
    }

    /// <summary>Deletes up to <paramref name="maxCount"/> unlocked messages enqueued before <paramref name="enqueuedBefore"/>, oldest first.</summary>
    public int DeleteMessages(int maxCount, DateTimeOffset enqueuedBefore, string? sessionId = null)
    {
        lock (_sync)
        {
            var doomed = _messages.Values
                .Where(m => !m.IsLocked && m.EnqueuedTime < enqueuedBefore && (sessionId is null || m.Fields.SessionId == sessionId))
                .OrderBy(m => m.SequenceNumber)
                .Take(maxCount)
                .ToList();
            foreach (var message in doomed)
            {
                RemoveLive(message);
            }

            return doomed.Count;
        }
    }

    public void RequestPump()
    {
        while (true)
        {
            var state = Volatile.Read(ref _pumpState);
            if (state == PumpRunningAndRequested)
            {
                return;
            }

            var next = state == PumpIdle ? PumpRunning : PumpRunningAndRequested;
            if (Interlocked.CompareExchange(ref _pumpState, next, state) == state)
            {
                if (state != PumpIdle)
                {
                    return;
                }

                break;
            }
        }

        while (true)
        {
            Volatile.Write(ref _pumpState, PumpRunning);
            PumpOnce();
            if (Interlocked.CompareExchange(ref _pumpState, PumpIdle, PumpRunning) == PumpRunning)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

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
                        var consumer = consumers[(start + i) % consumers.Length];
                        var available = AvailableFor(consumer);
                        if (available is null || available.Count == 0)
                        {
                            continue;
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
                    _logger.LogDebug(ex, "Delivery of message {SequenceNumber} from {Entity} failed.", delivery.Message.SequenceNumber, Name);
                }
            }

            _pumpBatch.Clear();
        }
    }

    private MessageDelivery Take(BrokerMessage message, ReceiveMode mode, DateTimeOffset now)
    {
        var prior = message.DeliveryCount++;
        if (mode == ReceiveMode.ReceiveAndDelete)
        {
            RemoveLive(message);
            return new MessageDelivery(message, Guid.NewGuid(), default, prior, message.State);
        }

        var lockToken = Guid.NewGuid();
        message.LockToken = lockToken;
        _locks.Add(lockToken, message);
        if (SessionOf(message) is { IsLocked: true } session)
        {
            // Message locks in a session live and die with the session lock.
            message.LockedUntil = session.LockedUntil;
            session.Locked.Add(message);
        }
        else
        {
            message.LockedUntil = now + Settings.LockDuration;
            _lockExpiry.Append(message);
        }

        return new MessageDelivery(message, lockToken, message.LockedUntil, prior, message.State);
    }

    private bool IsDuplicate(BrokerMessage message, DateTimeOffset now) =>
        _duplicates is not null && message.Fields.MessageId is { } messageId && !_duplicates.TryRecord(messageId, now);

    private void AddActive(BrokerMessage message, DateTimeOffset now, ref List<BrokerMessage>? deadLettered, long reservedSequenceNumber = 0)
    {
        message.SequenceNumber = reservedSequenceNumber != 0 ? reservedSequenceNumber : ++_lastSequenceNumber;
        message.EnqueuedTime = now;
        message.IsLive = true;
        _messages.Add(message.SequenceNumber, message);
        Activate(message, now, ref deadLettered);
    }

    private void AddScheduled(BrokerMessage message, DateTimeOffset at, DateTimeOffset now, long reservedSequenceNumber = 0)
    {
        message.SequenceNumber = reservedSequenceNumber != 0 ? reservedSequenceNumber : ++_lastSequenceNumber;
        message.EnqueuedTime = now;
        message.ScheduledEnqueueTime = at;
        message.State = MessageState.Scheduled;
        message.IsLive = true;
        _messages.Add(message.SequenceNumber, message);
        _deadlines.Enqueue(message, at);
    }

    private void Activate(BrokerMessage message, DateTimeOffset now, ref List<BrokerMessage>? deadLettered)
    {
        message.State = MessageState.Active;
        if (message.ScheduledEnqueueTime != default)
        {
            message.EnqueuedTime = message.ScheduledEnqueueTime;
        }

        message.ExpiresAt = ExpiryOf(message);
        if (message.ExpiresAt <= now)
        {
            Expire(message, ref deadLettered);
            return;
        }

        if (message.ExpiresAt != DateTimeOffset.MaxValue)
        {
            _deadlines.Enqueue(message, message.ExpiresAt);
        }

        MakeAvailable(message, now);
    }

    private DateTimeOffset ExpiryOf(BrokerMessage message)
    {
        if (Settings.IsDeadLetterQueue)
        {
            return DateTimeOffset.MaxValue;
        }

        var ttl = Settings.DefaultMessageTimeToLive;
        if (message.Fields.TimeToLive is { } own && own < ttl)
        {
            ttl = own;
        }

        return ttl >= DateTimeOffset.MaxValue - message.EnqueuedTime ? DateTimeOffset.MaxValue : message.EnqueuedTime + ttl;
    }

    // A transaction settling what it holds skips the expiry checks: its hold kept the lock alive.
    private BrokerMessage TakeLock(Guid lockToken, string? sessionId, object? transaction)
    {
        BrokerMessage? message;
        if (transaction is not null)
        {
            if (!_locks.TryGetValue(lockToken, out message) || message.HeldBy != transaction)
            {
                throw new BrokerException(
                    BrokerError.MessageLockLost, $"The transaction no longer holds the lock on this message of '{Name}'.");
            }

            message.HeldBy = null;
        }
        else
        {
            message = FindUnheldLock(lockToken, sessionId);
        }

        Unlock(message);
        return message;
    }

    private BrokerMessage FindUnheldLock(Guid lockToken, string? sessionId)
    {
        var message = FindValidLock(lockToken);
        if (sessionId is not null && message.Fields.SessionId != sessionId)
        {
            throw new BrokerException(
                BrokerError.InvalidOperation, $"The lock token belongs to a message of another session than '{sessionId}'; nothing was changed.");
        }

        if (message.HeldBy is not null)
        {
            throw new BrokerException(
                BrokerError.InvalidOperation,
                $"The message of '{Name}' is being settled by a transaction that has not ended; it cannot be settled again meanwhile.");
        }

        return message;
    }

    private BrokerMessage FindValidLock(Guid lockToken)
    {
        var found = _locks.TryGetValue(lockToken, out var message);
        if (_sessions is not null)
        {
            if (found && SessionOf(message!) is { } session && session.Locked.Contains(message!) && session.LockedUntil > _time.GetUtcNow())
            {
                return message!;
            }

            throw new BrokerException(BrokerError.SessionLockLost, $"The session lock was lost for this message of '{Name}'; accept the session again.");
        }

        if (found && message!.LockedUntil > _time.GetUtcNow())
        {
            return message;
        }

        throw new BrokerException(
            BrokerError.MessageLockLost,
            $"The lock supplied is invalid. Either the lock expired, or the message has already been removed from '{Name}'.");
    }

    private void Unlock(BrokerMessage message)
    {
        _locks.Remove(message.LockToken);
        _lockExpiry.Remove(message);
        SessionOf(message)?.Locked.Remove(message);
        message.LockToken = Guid.Empty;
    }

    private void ReturnAfterLock(BrokerMessage message, DateTimeOffset now, ref List<BrokerMessage>? deadLettered)
    {
        if (message.State == MessageState.Deferred)
        {
            return;
        }

        if (message.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            MoveToDeadLetter(
                message,
                MaxDeliveryCountExceededReason,
                $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.",
                ref deadLettered);
        }
        else if (message.ExpiresAt <= now)
        {
            Expire(message, ref deadLettered);
        }
        else
        {
            MakeAvailable(message, now);
        }
    }

    private void Expire(BrokerMessage message, ref List<BrokerMessage>? deadLettered)
    {
        if (Settings.DeadLetteringOnMessageExpiration)
        {
            MoveToDeadLetter(message, TtlExpiredReason, "The message expired and was dead lettered.", ref deadLettered);
        }
        else
        {
            RemoveLive(message);
        }
    }

    private void MoveToDeadLetter(BrokerMessage message, string? reason, string? description, ref List<BrokerMessage>? deadLettered)
    {
        RemoveLive(message);
        var copy = message.CopyForTransfer();
        if (reason is not null)
        {
            copy.SetPropertyOverride(DeadLetterReasonProperty, reason);
        }

        if (description is not null)
        {
            copy.SetPropertyOverride(DeadLetterDescriptionProperty, description);
        }

        (deadLettered ??= []).Add(copy);
    }

    private void RemoveLive(BrokerMessage message)
    {
        if (message.IsLocked)
        {
            Unlock(message);
        }

        _messages.Remove(message.SequenceNumber);
        message.IsLive = false;
    }

    private void SendDeadLettered(List<BrokerMessage>? deadLettered)
    {
        if (deadLettered is null)
        {
            return;
        }

        var target = Settings.ForwardDeadLetteredMessagesTo is { } forwardTo ? _resolveTarget(forwardTo) : DeadLetterQueue;
        if (target is null)
        {
            _logger.LogWarning("{Count} dead-lettered message(s) from {Entity} were dropped: no dead-letter target.", deadLettered.Count, Name);
            return;
        }

        target.Send(deadLettered);
    }

    private void Forward(string forwardTo, IReadOnlyList<BrokerMessage> messages, int hopCount)
    {
        const int MaxHops = 4;
        var target = _resolveTarget(forwardTo);
        if (target is null || hopCount >= MaxHops)
        {
            throw new BrokerException(BrokerError.InvalidOperation, $"'{Name}' forwards to '{forwardTo}', which cannot accept messages.");
        }

        IReadOnlyList<BrokerMessage> accepted = messages;
        if (_duplicates is not null)
        {
            lock (_sync)
            {
                var now = _time.GetUtcNow();
                accepted = messages.Where(m => !IsDuplicate(m, now)).ToList();
            }
        }

        if (accepted.Count > 0)
        {
            target.Send(accepted, hopCount + 1);
        }
    }

    private void OnTimer()
    {
        List<BrokerMessage>? deadLettered = null;
        List<IMessageConsumer>? lostSessions = null;
        var pump = false;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            _timerDue = DateTimeOffset.MaxValue;
            while (_lockExpiry.First is { } locked && locked.LockedUntil <= now)
            {
                Unlock(locked);
                ReturnAfterLock(locked, now, ref deadLettered);
                pump = true;
            }

            while (_sessionDeadlines.TryPeek(out var session, out var sessionDue) && sessionDue <= now)
            {
                _sessionDeadlines.Dequeue();
                if (session.Holder is { } holder && session.LockedUntil <= now)
                {
                    ReleaseSession(session, now, ref deadLettered);
                    (lostSessions ??= []).Add(holder);
                    pump = true;
                }
            }

            while (_deadlines.TryPeek(out var message, out var due) && due <= now)
            {
                _deadlines.Dequeue();
                if (!message.IsLive)
                {
                    continue;
                }

                if (message.State == MessageState.Scheduled)
                {
                    if (message.ScheduledEnqueueTime <= now)
                    {
                        Activate(message, now, ref deadLettered);
                        pump = true;
                    }
                }
                else if (!message.IsLocked && message.ExpiresAt <= now)
                {
                    Expire(message, ref deadLettered);
                }
            }

            ArmTimer(now);
        }

        SendDeadLettered(deadLettered);
        foreach (var holder in lostSessions ?? [])
        {
            holder.OnSessionLockLost();
        }

        if (pump)
        {
            RequestPump();
        }
    }

    private void ArmTimer(DateTimeOffset now)
    {
        var next = DateTimeOffset.MaxValue;
        if (_lockExpiry.First is { } firstLock)
        {
            next = firstLock.LockedUntil;
        }

        if (_deadlines.TryPeek(out _, out var due) && due < next)
        {
            next = due;
        }

        if (_sessionDeadlines.TryPeek(out _, out var sessionDue) && sessionDue < next)
        {
            next = sessionDue;
        }

        if (next >= _timerDue || _disposed)
        {
            return;
        }

        _timerDue = next;
        var delay = next - now;
        _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerDelay ? MaxTimerDelay : delay, Timeout.InfiniteTimeSpan);
    }
}
