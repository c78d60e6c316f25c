namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Time: messages expire after their time to live, scheduled messages become visible at their time, locks and
/// session locks run out. One <see cref="EntityTimer"/> wakes the entity at the earliest of these.
/// </summary>
internal sealed partial class MessageEntity
{
    internal const string TtlExpiredReason = "TTLExpiredException";

    private readonly EntityTimer _timer;

    // Scheduled messages by their enqueue time and active ones by their expiry; entries of messages that left since stay until due.
    private readonly PriorityQueue<BrokerMessage, DateTimeOffset> _deadlines = new();

    /// <summary>Makes a stored message visible now: expired already, or available until its expiry.</summary>
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

    private void Expire(BrokerMessage message, ref List<BrokerMessage>? deadLettered)
    {
        _telemetry.Expired(message, Settings.DeadLetteringOnMessageExpiration);
        if (Settings.DeadLetteringOnMessageExpiration)
        {
            MoveToDeadLetter(message, TtlExpiredReason, "The message expired and was dead lettered.", ref deadLettered);
        }
        else
        {
            RemoveLive(message);
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
            _timer.Fired();
            while (_locks.FirstToExpire is { } locked && locked.LockedUntil <= now)
            {
                _telemetry.LocksExpired(1);
                Unlock(locked);
                ReturnAfterLock(locked, now, ref deadLettered);
                pump = true;
            }

            pump |= ReleaseExpiredSessions(now, ref deadLettered, ref lostSessions);
            pump |= RunDueDeadlines(now, ref deadLettered);
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

    /// <summary>Activates scheduled messages whose time came and expires unlocked ones; true when any became available.</summary>
    private bool RunDueDeadlines(DateTimeOffset now, ref List<BrokerMessage>? deadLettered)
    {
        var activated = false;
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
                    activated = true;
                }
            }
            else if (!message.IsLocked && message.ExpiresAt <= now)
            {
                Expire(message, ref deadLettered);
            }
        }

        return activated;
    }

    private void ArmTimer(DateTimeOffset now)
    {
        if (_disposed)
        {
            return;
        }

        var next = DateTimeOffset.MaxValue;
        if (_locks.FirstToExpire is { } firstLock)
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

        _timer.ArmFor(next, now);
    }
}
