namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Sessions: on a session-enabled entity every message belongs to a session, each session has its own FIFO, and a
/// receiver sees only the session it holds. A session receiver is an exclusive, filtered view of the entity.
/// </summary>
internal sealed partial class MessageEntity
{
    public const int MaxSessionIdLength = 128;

    private readonly Dictionary<string, MessageSession>? _sessions;
    private readonly PriorityQueue<MessageSession, DateTimeOffset> _sessionDeadlines = new();
    private readonly List<(TaskCompletionSource<SessionGrant> Waiter, IMessageConsumer Consumer)> _sessionWaiters = [];

    public bool RequiresSession => _sessions is not null;

    /// <summary>
    /// Locks a session for <paramref name="consumer"/>: the named one (even without messages), or with a null id the
    /// next free session that has messages, waiting up to <paramref name="wait"/> for one to appear.
    /// </summary>
    public async Task<SessionGrant> AcceptSessionAsync(string? sessionId, IMessageConsumer consumer, TimeSpan wait, CancellationToken cancellationToken)
    {
        TaskCompletionSource<SessionGrant> waiter;
        lock (_sync)
        {
            if (_sessions is null)
            {
                throw new BrokerException(BrokerError.InvalidOperation, $"'{Name}' does not require sessions; use a receiver without a session.");
            }

            var now = _time.GetUtcNow();
            if (sessionId is not null)
            {
                CheckSessionId(sessionId);
                var session = GetSession(sessionId);
                if (session.IsLocked)
                {
                    throw new BrokerException(
                        BrokerError.SessionCannotBeLocked, $"The session '{sessionId}' of '{Name}' is locked by another receiver.");
                }

                return Grant(session, consumer, now);
            }

            foreach (var session in _sessions.Values)
            {
                if (!session.IsLocked && HasAvailable(session))
                {
                    return Grant(session, consumer, now);
                }
            }

            waiter = new TaskCompletionSource<SessionGrant>(TaskCreationOptions.RunContinuationsAsynchronously);
            _sessionWaiters.Add((waiter, consumer));
        }

        try
        {
            return await waiter.Task.WaitAsync(wait, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_sync)
            {
                _sessionWaiters.RemoveAll(w => w.Waiter == waiter);
            }

            // A session granted in the instant the wait ended still belongs to this receiver.
            if (waiter.Task.IsCompletedSuccessfully)
            {
                return waiter.Task.Result;
            }

            throw new BrokerException(BrokerError.Timeout, $"No session of '{Name}' became available within {wait.TotalSeconds:0.#} s.");
        }
    }

    public DateTimeOffset RenewSessionLock(string sessionId)
    {
        lock (_sync)
        {
            var session = HeldSession(sessionId);
            var now = _time.GetUtcNow();
            session.LockedUntil = now + Settings.LockDuration;
            foreach (var message in session.Locked)
            {
                message.LockedUntil = session.LockedUntil;
            }

            _sessionDeadlines.Enqueue(session, session.LockedUntil);
            return session.LockedUntil;
        }
    }

    public byte[]? GetSessionState(string sessionId)
    {
        lock (_sync)
        {
            return HeldSession(sessionId).State;
        }
    }

    public void SetSessionState(string sessionId, byte[]? state)
    {
        lock (_sync)
        {
            _store.WriteSessionState(HeldSession(sessionId), state);
        }
    }

    /// <summary>Sessions that have messages or state, in id order, for paging.</summary>
    public string[] GetSessionIds(int skip, int top)
    {
        lock (_sync)
        {
            if (_sessions is null)
            {
                return [];
            }

            var withContent = _sessions.Values
                .Where(session => session.State is not null || _store.Messages.Any(m => m.Fields.SessionId == session.Id))
                .Select(session => session.Id);
            return [.. withContent.Order(StringComparer.Ordinal).Skip(skip).Take(top)];
        }
    }

    /// <summary>Throws when a message cannot enter this entity because of its session id; nothing is stored then.</summary>
    public void CheckSessionIds(IReadOnlyList<BrokerMessage> messages)
    {
        if (_sessions is null)
        {
            return;
        }

        foreach (var message in messages)
        {
            if (message.Fields.SessionId is not { } sessionId)
            {
                throw new BrokerException(
                    BrokerError.InvalidOperation,
                    $"'{Name}' requires sessions: every message sent to it must have a SessionId.");
            }

            CheckSessionId(sessionId);
        }
    }

    private static void CheckSessionId(string sessionId)
    {
        if (sessionId.Length > MaxSessionIdLength)
        {
            throw new BrokerException(
                BrokerError.ArgumentError, $"A session id can be at most {MaxSessionIdLength} characters; '{sessionId[..20]}...' has {sessionId.Length}.");
        }
    }

    private MessageSession? SessionOf(BrokerMessage message) =>
        _sessions is not null && message.Fields.SessionId is { } sessionId ? _sessions.GetValueOrDefault(sessionId) : null;

    private MessageSession GetSession(string sessionId)
    {
        if (!_sessions!.TryGetValue(sessionId, out var session))
        {
            session = new MessageSession(sessionId);
            _sessions.Add(sessionId, session);
        }

        return session;
    }

    private MessageSession HeldSession(string sessionId)
    {
        if (_sessions is not null && _sessions.TryGetValue(sessionId, out var session) && session.IsLocked && session.LockedUntil > _time.GetUtcNow())
        {
            return session;
        }

        throw new BrokerException(BrokerError.SessionLockLost, $"The session '{sessionId}' of '{Name}' is not locked; accept it first.");
    }

    private bool HasAvailable(MessageSession session)
    {
        // Drop entries of messages that left while queued (expired, received by sequence number).
        while (session.Available.TryPeek(out var head, out _) && (!head.IsLive || head.State != MessageState.Active || head.IsLocked))
        {
            session.Available.Dequeue();
        }

        return session.Available.Count > 0;
    }

    private SessionGrant Grant(MessageSession session, IMessageConsumer consumer, DateTimeOffset now)
    {
        session.Holder = consumer;
        session.LockedUntil = now + Settings.LockDuration;
        _sessionDeadlines.Enqueue(session, session.LockedUntil);
        ArmTimer(now);
        return new SessionGrant(session.Id, session.LockedUntil);
    }

    private void GrantToWaiter(MessageSession session, DateTimeOffset now)
    {
        while (_sessionWaiters.Count > 0)
        {
            var (waiter, consumer) = _sessionWaiters[0];
            _sessionWaiters.RemoveAt(0);
            var grant = Grant(session, consumer, now);
            if (waiter.TrySetResult(grant))
            {
                return;
            }

            session.Holder = null;
        }
    }

    /// <summary>Frees the sessions whose lock ran out; their holders are told once the entity lock is released.</summary>
    private bool ReleaseExpiredSessions(DateTimeOffset now, ref List<BrokerMessage>? deadLettered, ref List<IMessageConsumer>? lostSessions)
    {
        var released = false;
        while (_sessionDeadlines.TryPeek(out var session, out var sessionDue) && sessionDue <= now)
        {
            _sessionDeadlines.Dequeue();
            if (session.Holder is { } holder && session.LockedUntil <= now)
            {
                _telemetry.LocksExpired(session.Locked.Count(m => m.HeldBy is null));
                ReleaseSession(session, now, ref deadLettered);
                (lostSessions ??= []).Add(holder);
                released = true;
            }
        }

        return released;
    }

    /// <summary>Frees a session; messages delivered under its lock and not settled become available again.</summary>
    private void ReleaseSession(MessageSession session, DateTimeOffset now, ref List<BrokerMessage>? deadLettered)
    {
        session.Holder = null;
        foreach (var message in session.Locked.ToArray())
        {
            // A transaction's hold outlives the session lock; the message returns if the transaction rolls back.
            if (message.HeldBy is not null)
            {
                session.Locked.Remove(message);
                continue;
            }

            Unlock(message);
            ReturnAfterLock(message, now, ref deadLettered);
        }

        if (!session.IsLocked && _sessionWaiters.Count > 0 && HasAvailable(session))
        {
            GrantToWaiter(session, now);
        }
    }
}
