namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Settlements staged by a transaction: the message stays locked, held by the transaction, until it commits (the
/// settlement happens then) or rolls back (the message is as it was: locked until its lock expires, then redelivered).
/// </summary>
internal sealed partial class MessageEntity
{
    public void Settle(Guid lockToken, Settlement settlement, string? sessionId = null, object? transaction = null)
    {
        switch (settlement.Kind)
        {
            case SettlementKind.Complete:
                Complete(lockToken, sessionId, transaction);
                break;
            case SettlementKind.Abandon:
                Abandon(lockToken, settlement.PropertiesToModify, sessionId, transaction);
                break;
            case SettlementKind.Defer:
                Defer(lockToken, settlement.PropertiesToModify, sessionId, transaction);
                break;
            case SettlementKind.DeadLetter:
                DeadLetter(lockToken, settlement.DeadLetterReason, settlement.DeadLetterDescription, settlement.PropertiesToModify, sessionId, transaction);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settlement), settlement.Kind, "Unknown settlement.");
        }
    }

    /// <summary>Puts a validly locked message under <paramref name="transaction"/>: its lock stops expiring and only the transaction settles it.</summary>
    public void Hold(Guid lockToken, Settlement settlement, string? sessionId, object transaction)
    {
        if (settlement.Kind == SettlementKind.DeadLetter && Settings.IsDeadLetterQueue)
        {
            throw new BrokerException(BrokerError.InvalidOperation, $"Messages in '{Name}' cannot be dead-lettered again.");
        }

        lock (_sync)
        {
            var message = FindUnheldLock(lockToken, sessionId);
            message.HeldBy = transaction;
            _lockExpiry.Remove(message);
        }
    }

    public bool IsHeldBy(Guid lockToken, object transaction)
    {
        lock (_sync)
        {
            return _locks.TryGetValue(lockToken, out var message) && message.HeldBy == transaction;
        }
    }

    /// <summary>The transaction rolled back: the message keeps its lock until it expires, or returns now if it already has.</summary>
    public void ReleaseHold(Guid lockToken, object transaction)
    {
        List<BrokerMessage>? deadLettered = null;
        var returned = false;
        lock (_sync)
        {
            if (!_locks.TryGetValue(lockToken, out var message) || message.HeldBy != transaction)
            {
                return;
            }

            message.HeldBy = null;
            var now = _time.GetUtcNow();
            var lockLapsed = message.LockedUntil <= now || (_sessions is not null && SessionOf(message)?.Locked.Contains(message) != true);
            if (lockLapsed)
            {
                Unlock(message);
                ReturnAfterLock(message, now, ref deadLettered);
                returned = true;
            }
            else if (_sessions is null)
            {
                _lockExpiry.Insert(message);
                ArmTimer(now);
            }
        }

        SendDeadLettered(deadLettered);
        if (returned)
        {
            RequestPump();
        }
    }
}
