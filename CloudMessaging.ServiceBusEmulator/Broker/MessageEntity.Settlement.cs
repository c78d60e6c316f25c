using CloudMessaging.ServiceBusEmulator.Broker.Transactions;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Settlement: what a receiver does with a message it holds locked (complete, abandon, defer, dead-letter, release,
/// renew), and what becomes of a message whose lock ends without a settlement.
/// </summary>
internal sealed partial class MessageEntity
{
    internal const string MaxDeliveryCountExceededReason = "MaxDeliveryCountExceeded";

    private readonly LockTable _locks = new();

    public void Settle(Guid lockToken, Settlement settlement, string? sessionId = null, BrokerTransaction? transaction = null)
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

    public void Complete(Guid lockToken, string? sessionId = null, BrokerTransaction? transaction = null)
    {
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            RemoveLive(message);
            _telemetry.Settled(message, SettlementKind.Complete);
        }
    }

    public void Abandon(
        Guid lockToken, IReadOnlyDictionary<string, object?>? propertiesToModify, string? sessionId = null, BrokerTransaction? transaction = null)
    {
        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            message.ApplyPropertyOverrides(propertiesToModify);
            _telemetry.Settled(message, SettlementKind.Abandon);
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
            if (!_locks.TryGet(lockToken, out var message) || message.HeldBy is not null)
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
        Guid lockToken, IReadOnlyDictionary<string, object?>? propertiesToModify, string? sessionId = null, BrokerTransaction? transaction = null)
    {
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            message.ApplyPropertyOverrides(propertiesToModify);
            message.State = MessageState.Deferred;
            _store.Update(message);
            _telemetry.Settled(message, SettlementKind.Defer);
        }
    }

    public void DeadLetter(
        Guid lockToken,
        string? reason,
        string? description,
        IReadOnlyDictionary<string, object?>? propertiesToModify,
        string? sessionId = null,
        BrokerTransaction? transaction = null)
    {
        ThrowIfDeadLetterQueue();
        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            var message = TakeLock(lockToken, sessionId, transaction);
            message.ApplyPropertyOverrides(propertiesToModify);
            MoveToDeadLetter(message, reason, description, ref deadLettered, bySettlement: true);
        }

        SendDeadLettered(deadLettered);
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
            _locks.Renew(message, now + Settings.LockDuration);
            ArmTimer(now);
            return message.LockedUntil;
        }
    }

    // A transaction settling what it holds skips the expiry checks: its hold kept the lock alive.
    private BrokerMessage TakeLock(Guid lockToken, string? sessionId, BrokerTransaction? transaction)
    {
        BrokerMessage? message;
        if (transaction is not null)
        {
            if (!_locks.TryGet(lockToken, out message) || message.HeldBy != transaction)
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
        var found = _locks.TryGet(lockToken, out var message);
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
        _locks.Unlock(message);
        SessionOf(message)?.Locked.Remove(message);
    }

    /// <summary>
    /// A lock ended without a settlement that removes the message (abandon, release, lock or session lock expiry,
    /// a rolled-back hold): the message is available again, unless it has run out of deliveries or of time.
    /// </summary>
    private void ReturnAfterLock(BrokerMessage message, DateTimeOffset now, ref List<BrokerMessage>? deadLettered)
    {
        if (message.State == MessageState.Deferred)
        {
            _store.Update(message);
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
            _store.Update(message);
            MakeAvailable(message, now);
        }
    }
}
