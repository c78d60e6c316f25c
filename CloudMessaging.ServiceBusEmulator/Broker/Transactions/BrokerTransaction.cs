namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

/// <summary>
/// One declared transaction: the work staged under it, applied all together at commit or dropped at rollback.
/// Like the service's local transactions it is bound to one top-level entity (queue or topic, with its
/// subscriptions and dead-letter queues) unless the client asked for cross-entity transactions.
/// </summary>
internal sealed class BrokerTransaction
{
    private readonly object _sync = new();
    private readonly List<IStagedWork> _work = [];
    private readonly TimeSpan _timeout;
    private string? _entity;
    private TransactionState _state;

    public BrokerTransaction(byte[] id, object owner, TimeSpan timeout)
    {
        Id = id;
        Owner = owner;
        _timeout = timeout;
    }

    /// <summary>The txn-id the client was given on declare.</summary>
    public byte[] Id { get; }

    /// <summary>The connection that declared the transaction; no other may use it.</summary>
    public object Owner { get; }

    internal ITimer? TimeoutTimer { get; set; }

    public bool HasTimedOut
    {
        get
        {
            lock (_sync)
            {
                return _state == TransactionState.TimedOut;
            }
        }
    }

    /// <summary>
    /// Binds the transaction to the top-level entity of <paramref name="entityPath"/> on first use, and refuses
    /// another one afterwards unless <paramref name="crossEntity"/> (the client's links share the coordinator's session).
    /// </summary>
    public void Enter(string entityPath, bool crossEntity)
    {
        var topLevel = TopLevelEntityOf(entityPath);
        lock (_sync)
        {
            ThrowIfNotActive();
            _entity ??= topLevel;
            if (!crossEntity && !string.Equals(_entity, topLevel, StringComparison.OrdinalIgnoreCase))
            {
                throw new BrokerException(
                    BrokerError.InvalidOperation,
                    $"Local transactions cannot span multiple top-level entities such as queue or topic: this transaction works on '{_entity}', " +
                    $"not on '{topLevel}'. Set ServiceBusClientOptions.EnableCrossEntityTransactions to span entities.");
            }
        }
    }

    public void StageSend(IMessageTarget target, IReadOnlyList<BrokerMessage> messages)
    {
        (target as MessageEntity)?.CheckSessionIds(messages);
        Enlist(new StagedSend(target, messages));
    }

    public void StageSettlement(MessageEntity entity, Guid lockToken, Settlement settlement, string? sessionId)
    {
        entity.Hold(lockToken, settlement, sessionId, this);
        try
        {
            Enlist(new StagedSettlement(entity, lockToken, settlement, this));
        }
        catch
        {
            entity.ReleaseHold(lockToken, this);
            throw;
        }
    }

    /// <summary>Returns the sequence numbers the messages will have once the transaction commits.</summary>
    public long[] StageSchedule(IScheduleTarget target, IReadOnlyList<BrokerMessage> messages)
    {
        (target as MessageEntity)?.CheckSessionIds(messages);
        var sequenceNumbers = target.ReserveSequenceNumbers(messages.Count);
        Enlist(new StagedSchedule(target, messages, sequenceNumbers));
        return sequenceNumbers;
    }

    public void StageCancellation(IScheduleTarget target, long[] sequenceNumbers) =>
        Enlist(new StagedCancellation(target, sequenceNumbers));

    /// <summary>Applies every staged operation, or none when one can no longer be applied.</summary>
    internal void Commit()
    {
        var work = End(throwIfTimedOut: true);
        try
        {
            foreach (var staged in work)
            {
                staged.Validate();
            }
        }
        catch (BrokerException ex)
        {
            RollBack(work);
            throw new BrokerException(BrokerError.TransactionRolledBack, "The transaction could not commit and was rolled back: " + ex.Message);
        }

        Exception? failure = null;
        foreach (var staged in work)
        {
            try
            {
                staged.Commit();
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }

        if (failure is not null)
        {
            // Only a send the target refuses at commit gets here (e.g. a topic copy without the session id a
            // subscription needs); the rest of the transaction is applied.
            throw new BrokerException(BrokerError.InvalidOperation, "Part of the transaction could not be applied: " + failure.Message);
        }
    }

    internal void RollBack() => RollBack(End(throwIfTimedOut: false));

    /// <summary>The timeout elapsed: the work is undone now, and later use of the id is told why.</summary>
    internal void TimeOut()
    {
        List<IStagedWork> work;
        lock (_sync)
        {
            if (_state != TransactionState.Active)
            {
                return;
            }

            _state = TransactionState.TimedOut;
            work = [.. _work];
            _work.Clear();
        }

        RollBack(work);
    }

    /// <summary>The queue or topic a path belongs to: <c>t1</c> for <c>t1/Subscriptions/s1/$DeadLetterQueue</c>.</summary>
    public static string TopLevelEntityOf(string entityPath)
    {
        var slash = entityPath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? entityPath : entityPath[..slash];
    }

    private static void RollBack(List<IStagedWork> work)
    {
        foreach (var staged in work)
        {
            staged.Rollback();
        }
    }

    private void Enlist(IStagedWork work)
    {
        lock (_sync)
        {
            ThrowIfNotActive();
            _work.Add(work);
        }
    }

    private List<IStagedWork> End(bool throwIfTimedOut)
    {
        List<IStagedWork> work;
        lock (_sync)
        {
            var state = _state;
            _state = TransactionState.Ended;
            if (state == TransactionState.TimedOut && throwIfTimedOut)
            {
                throw TimedOut();
            }

            if (state == TransactionState.Ended && throwIfTimedOut)
            {
                throw Unknown();
            }

            work = [.. _work];
            _work.Clear();
        }

        TimeoutTimer?.Dispose();
        return work;
    }

    private void ThrowIfNotActive()
    {
        if (_state == TransactionState.TimedOut)
        {
            throw TimedOut();
        }

        if (_state == TransactionState.Ended)
        {
            throw Unknown();
        }
    }

    private BrokerException TimedOut() =>
        new(BrokerError.TransactionTimedOut, $"The transaction timed out after {_timeout.TotalSeconds:0.#} s and was rolled back.");

    private static BrokerException Unknown() =>
        new(BrokerError.TransactionUnknown, "The transaction has already been discharged.");
}
