namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// What the management node asks of an entity besides settlement: browsing by sequence number, receiving deferred
/// messages by sequence number, and deleting messages in bulk.
/// </summary>
internal sealed partial class MessageEntity
{
    /// <summary>Receives deferred messages by sequence number; every number must name a deferred, unlocked message.</summary>
    public IReadOnlyList<MessageDelivery> ReceiveDeferred(IReadOnlyList<long> sequenceNumbers, ReceiveMode mode, string? sessionId = null)
    {
        var deliveries = new List<MessageDelivery>(sequenceNumbers.Count);
        lock (_sync)
        {
            var deferred = new BrokerMessage[sequenceNumbers.Count];
            for (var i = 0; i < sequenceNumbers.Count; i++)
            {
                if (!_store.TryGet(sequenceNumbers[i], out var message) || message.State != MessageState.Deferred || message.IsLocked
                    || (sessionId is not null && message.Fields.SessionId != sessionId))
                {
                    throw new BrokerException(BrokerError.MessageNotFound, $"No deferred message with sequence number {sequenceNumbers[i]} is available in '{Name}'.");
                }

                deferred[i] = message;
            }

            var now = _time.GetUtcNow();
            foreach (var message in deferred)
            {
                deliveries.Add(Take(message, mode, now));
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
            var last = _store.LastSequenceNumber;
            for (var sequenceNumber = Math.Max(1, fromSequenceNumber); sequenceNumber <= last && result.Count < maxCount; sequenceNumber++)
            {
                if (_store.TryGet(sequenceNumber, out var message) && (sessionId is null || message.Fields.SessionId == sessionId))
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
            var doomed = _store.Messages
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
}
