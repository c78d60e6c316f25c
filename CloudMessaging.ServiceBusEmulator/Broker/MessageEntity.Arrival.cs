namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Arrival: sends and schedules are checked (session ids, size quota, duplicates), numbered and stored, or passed
/// on when the entity forwards; scheduled messages can be cancelled until they become visible.
/// </summary>
internal sealed partial class MessageEntity
{
    private const int MaxForwardingHops = 4;

    private readonly DuplicateDetector? _duplicates;

    public void Send(IReadOnlyList<BrokerMessage> messages, int hopCount = 0)
    {
        EnsureSendable();
        CheckSessionIds(messages);
        if (Settings.ForwardTo is { } forwardTo)
        {
            Forward(forwardTo, messages, hopCount);
            return;
        }

        Store(messages, sequenceNumbers: null);
    }

    /// <summary>Schedules messages for later visibility and returns their sequence numbers, in order.</summary>
    public long[] Schedule(IReadOnlyList<BrokerMessage> messages)
    {
        EnsureSendable();
        CheckSessionIds(messages);
        return Schedule(messages, ReserveSequenceNumbers(messages.Count));
    }

    /// <summary>Numbers for messages scheduled later (at a transaction's commit) that the sender must learn now.</summary>
    public long[] ReserveSequenceNumbers(int count)
    {
        lock (_sync)
        {
            return _store.ReserveSequenceNumbers(count);
        }
    }

    /// <summary>Schedules messages under sequence numbers reserved for them, in order.</summary>
    public long[] Schedule(IReadOnlyList<BrokerMessage> messages, long[] sequenceNumbers)
    {
        CheckSessionIds(messages);
        Store(messages, sequenceNumbers);
        return sequenceNumbers;
    }

    /// <summary>Removes scheduled messages; numbers that are unknown or no longer scheduled are ignored, as on the service.</summary>
    public void CancelScheduled(IEnumerable<long> sequenceNumbers)
    {
        lock (_sync)
        {
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (_store.TryGet(sequenceNumber, out var message) && message.State == MessageState.Scheduled)
                {
                    RemoveLive(message);
                }
            }
        }
    }

    /// <summary>
    /// Stores a send (numbered now, duplicates dropped) or a schedule (under its reserved numbers): each message
    /// becomes visible now, or at its scheduled enqueue time.
    /// </summary>
    private void Store(IReadOnlyList<BrokerMessage> messages, long[]? sequenceNumbers) =>
        _telemetry.Arrive(messages, (Entity: this, Messages: messages, SequenceNumbers: sequenceNumbers), static s => s.Entity.StoreNow(s.Messages, s.SequenceNumbers));

    private void StoreNow(IReadOnlyList<BrokerMessage> messages, long[]? sequenceNumbers)
    {
        List<BrokerMessage>? deadLettered = null;
        var stored = 0;
        lock (_sync)
        {
            _store.EnsureRoomFor(messages);
            var now = _time.GetUtcNow();
            Touch(now);
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                if (sequenceNumbers is null && IsDuplicate(message, now))
                {
                    continue;
                }

                stored++;
                var reserved = sequenceNumbers?[i] ?? 0;
                if (message.Fields.ScheduledEnqueueTime is { } at && at > now)
                {
                    message.ScheduledEnqueueTime = at;
                    _store.Add(message, MessageState.Scheduled, now, reserved);
                    _deadlines.Enqueue(message, at);
                }
                else
                {
                    _store.Add(message, MessageState.Active, now, reserved);
                    Activate(message, now, ref deadLettered);
                }
            }

            ArmTimer(now);
        }

        _telemetry.Stored(stored);
        SendDeadLettered(deadLettered);
        RequestPump();
    }

    private bool IsDuplicate(BrokerMessage message, DateTimeOffset now) => _duplicates?.IsDuplicate(message, now) == true;

    private void Forward(string forwardTo, IReadOnlyList<BrokerMessage> messages, int hopCount)
    {
        var target = _resolveTarget(forwardTo);
        if (target is null || hopCount >= MaxForwardingHops)
        {
            throw new BrokerException(BrokerError.InvalidOperation, $"'{Name}' forwards to '{forwardTo}', which cannot accept messages.");
        }

        IReadOnlyList<BrokerMessage> accepted = messages;
        if (_duplicates is not null)
        {
            lock (_sync)
            {
                var now = _time.GetUtcNow();
                accepted = messages.Where(m => !_duplicates.IsDuplicate(m, now)).ToList();
            }
        }

        if (accepted.Count > 0)
        {
            target.Send(accepted, hopCount + 1);
        }
    }
}
