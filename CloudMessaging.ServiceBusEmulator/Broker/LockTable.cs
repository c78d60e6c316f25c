using System.Diagnostics.CodeAnalysis;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// An entity's message locks by lock token, and the order the entity's own locks expire in. Locks under a session
/// lock expire with the session, and locks a transaction holds do not expire: neither is in the expiry order.
/// Not thread-safe: used under the owning entity's lock.
/// </summary>
internal sealed class LockTable
{
    private readonly Dictionary<Guid, BrokerMessage> _byToken = [];
    private readonly LockExpiryList _expiry = new();

    /// <summary>The lock that expires first, if any expires on its own.</summary>
    public BrokerMessage? FirstToExpire => _expiry.First;

    public bool TryGet(Guid lockToken, [NotNullWhen(true)] out BrokerMessage? message) => _byToken.TryGetValue(lockToken, out message);

    /// <summary>True when <paramref name="transaction"/> holds the message locked under <paramref name="lockToken"/>.</summary>
    public bool IsHeldBy(Guid lockToken, BrokerTransaction transaction) =>
        _byToken.TryGetValue(lockToken, out var message) && message.HeldBy == transaction;

    /// <summary>Locks the message under a new token until <paramref name="lockedUntil"/>.</summary>
    public Guid Lock(BrokerMessage message, DateTimeOffset lockedUntil, bool expiresWithSession)
    {
        var lockToken = Guid.NewGuid();
        message.LockToken = lockToken;
        message.LockedUntil = lockedUntil;
        _byToken.Add(lockToken, message);
        if (!expiresWithSession)
        {
            _expiry.Append(message);
        }

        return lockToken;
    }

    /// <summary>Extends a lock; a lock of the entity's fixed duration renewed now expires last.</summary>
    public void Renew(BrokerMessage message, DateTimeOffset lockedUntil)
    {
        message.LockedUntil = lockedUntil;
        if (message.HeldBy is null)
        {
            _expiry.Remove(message);
            _expiry.Append(message);
        }
    }

    /// <summary>A transaction holds the message now: its lock stops expiring.</summary>
    public void StopExpiry(BrokerMessage message) => _expiry.Remove(message);

    /// <summary>The transaction let go: the lock expires again, at the time it had.</summary>
    public void ResumeExpiry(BrokerMessage message) => _expiry.Insert(message);

    public void Unlock(BrokerMessage message)
    {
        _byToken.Remove(message.LockToken);
        _expiry.Remove(message);
        message.LockToken = Guid.Empty;
    }
}
