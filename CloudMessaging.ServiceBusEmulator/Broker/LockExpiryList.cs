namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Locked messages ordered by lock expiry. An entity's lock duration is fixed, so a new or renewed lock always
/// expires last: appending keeps the order, and settling unlinks in O(1) without allocating.
/// Not thread-safe; used under the owning entity's lock.
/// </summary>
internal sealed class LockExpiryList
{
    private BrokerMessage? _head;
    private BrokerMessage? _tail;

    public BrokerMessage? First => _head;

    public void Append(BrokerMessage message)
    {
        message.LockPrevious = _tail;
        message.LockNext = null;
        if (_tail is null)
        {
            _head = message;
        }
        else
        {
            _tail.LockNext = message;
        }

        _tail = message;
    }

    /// <summary>Puts back a lock that expires earlier than the newest ones (a transaction held it), keeping the order.</summary>
    public void Insert(BrokerMessage message)
    {
        var after = _tail;
        while (after is not null && after.LockedUntil > message.LockedUntil)
        {
            after = after.LockPrevious;
        }

        message.LockPrevious = after;
        message.LockNext = after is null ? _head : after.LockNext;
        if (after is null)
        {
            _head = message;
        }
        else
        {
            after.LockNext = message;
        }

        if (message.LockNext is null)
        {
            _tail = message;
        }
        else
        {
            message.LockNext.LockPrevious = message;
        }
    }

    public void Remove(BrokerMessage message)
    {
        if (message.LockPrevious is null && _head != message)
        {
            return;
        }

        if (message.LockPrevious is null)
        {
            _head = message.LockNext;
        }
        else
        {
            message.LockPrevious.LockNext = message.LockNext;
        }

        if (message.LockNext is null)
        {
            _tail = message.LockPrevious;
        }
        else
        {
            message.LockNext.LockPrevious = message.LockPrevious;
        }

        message.LockPrevious = null;
        message.LockNext = null;
    }
}
