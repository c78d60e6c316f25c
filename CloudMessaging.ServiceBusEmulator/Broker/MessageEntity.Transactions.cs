using CloudMessaging.ServiceBusEmulator.Broker.Transactions;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Settlements staged by a transaction: the message stays locked, held by the transaction, until it commits (the
/// settlement happens then) or rolls back (the message is as it was: locked until its lock expires, then redelivered).
/// </summary>
internal sealed partial class MessageEntity
{
    /// <summary>Puts a validly locked message under <paramref name="transaction"/>: its lock stops expiring and only the transaction settles it.</summary>
    public void Hold(Guid lockToken, Settlement settlement, string? sessionId, BrokerTransaction transaction)
    {
        if (settlement.Kind == SettlementKind.DeadLetter)
        {
            ThrowIfDeadLetterQueue();
        }

        lock (_sync)
        {
            var message = FindUnheldLock(lockToken, sessionId);
            message.HeldBy = transaction;
            _locks.StopExpiry(message);
        }
    }

    public bool IsHeldBy(Guid lockToken, BrokerTransaction transaction)
    {
        lock (_sync)
        {
            return _locks.IsHeldBy(lockToken, transaction);
        }
    }

    /// <summary>The transaction rolled back: the message keeps its lock until it expires, or returns now if it already has.</summary>
    public void ReleaseHold(Guid lockToken, BrokerTransaction transaction)
    {
        List<BrokerMessage>? deadLettered = null;
        var returned = false;
        lock (_sync)
        {
            if (!_locks.TryGet(lockToken, out var message) || message.HeldBy != transaction)
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
                _locks.ResumeExpiry(message);
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
