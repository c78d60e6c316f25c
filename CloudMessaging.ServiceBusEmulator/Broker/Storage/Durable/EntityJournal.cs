using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>One entity's view of the durable store: turns each change into a record for the next group commit.</summary>
internal sealed class EntityJournal(DurableStore store, int entityId) : IEntityJournal
{
    public void Stored(BrokerMessage message)
    {
        store.Log.Append(new MessagePut(MessageKey.Of(entityId, message.SequenceNumber), RowOf(message), IsNew: true));
        store.Log.Append(new SequenceAdvanced(entityId, message.SequenceNumber));
    }

    public void Updated(BrokerMessage message) =>
        store.Log.Append(new MessagePut(MessageKey.Of(entityId, message.SequenceNumber), RowOf(message), IsNew: false));

    public void Locked(BrokerMessage message) =>
        store.Log.Append(new MessageLocked(MessageKey.Of(entityId, message.SequenceNumber), message.DeliveryCount));

    public void Removed(BrokerMessage message) => store.Log.Append(new MessageDeleted(MessageKey.Of(entityId, message.SequenceNumber)));

    public void SessionStateWritten(string sessionId, byte[]? state) =>
        store.Log.Append(new SessionStateSet(entityId, sessionId, state?.ToArray()));

    public void SequenceNumbersReserved(long lastSequenceNumber) => store.Log.Append(new SequenceAdvanced(entityId, lastSequenceNumber));

    public void DuplicateRecorded(string messageId, DateTimeOffset seenAt, DateTimeOffset forgetAt) =>
        store.Log.Append(new DuplicateSeen(entityId, messageId, seenAt.UtcTicks, Ticks(forgetAt)));

    public void ScheduledCopiesRecorded(long sequenceNumber, DateTimeOffset at, IReadOnlyList<(string Entity, long SequenceNumber)> copies)
    {
        var encoded = string.Join(',', copies.Select(copy => $"{store.EntityIdOf(copy.Entity)}:{copy.SequenceNumber}"));
        store.Log.Append(new TopicScheduleRecorded(entityId, sequenceNumber, at.UtcTicks, encoded));
    }

    public void ScheduledCopiesForgotten(long sequenceNumber) => store.Log.Append(new TopicScheduleForgotten(entityId, sequenceNumber));

    public void RulesChanged(IReadOnlyList<RuleDefinition> rules) => store.Log.Append(new RulesReplaced(entityId, RuleSetCodec.Encode(rules)));

    internal static long Ticks(DateTimeOffset time) => time == DateTimeOffset.MaxValue ? long.MaxValue : time.UtcTicks;

    private static MessageRow RowOf(BrokerMessage message) => new(
        message.SequenceNumber,
        message.State,
        message.EnqueuedTime.UtcTicks,
        Ticks(message.ExpiresAt),
        message.ScheduledEnqueueTime.UtcTicks,
        message.DeliveryCount,
        message.IsLocked,
        message.OriginalSequenceNumber,
        message.DeadLetterSource,
        PropertyCodec.Encode(message.PropertyOverrides),
        message.Encoded);
}
