using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>
/// The persistence seam: <see cref="MessageStore"/> (and a topic, and a subscription's rules) report here every
/// change a durable namespace has to log, under the entity lock and in the order the changes happen. Lock tokens
/// are not durable: like the service's, they do not outlive the broker; only the delivery count a lock took is.
/// </summary>
internal interface IEntityJournal
{
    /// <summary>A message was accepted (sent, scheduled, dead-lettered or forwarded into the entity) and numbered.</summary>
    void Stored(BrokerMessage message);

    /// <summary>A stored message changed: deferred, or back from a lock with a new delivery count or properties.</summary>
    void Updated(BrokerMessage message);

    /// <summary>A message was locked for a receiver; its delivery count went up.</summary>
    void Locked(BrokerMessage message);

    /// <summary>A message left: completed, dead-lettered, expired, cancelled, deleted or received and deleted.</summary>
    void Removed(BrokerMessage message);

    void SessionStateWritten(string sessionId, byte[]? state);

    /// <summary>Numbers up to <paramref name="lastSequenceNumber"/> were handed out and must never be given again.</summary>
    void SequenceNumbersReserved(long lastSequenceNumber);

    /// <summary>Duplicate detection recorded a message id.</summary>
    void DuplicateRecorded(string messageId, DateTimeOffset seenAt, DateTimeOffset forgetAt);

    /// <summary>A topic scheduled a message: its topic-wide number and the copy in each subscription.</summary>
    void ScheduledCopiesRecorded(long sequenceNumber, DateTimeOffset at, IReadOnlyList<(string Entity, long SequenceNumber)> copies);

    void ScheduledCopiesForgotten(long sequenceNumber);

    /// <summary>A subscription's rules changed at run time; <paramref name="rules"/> is the whole new set.</summary>
    void RulesChanged(IReadOnlyList<RuleDefinition> rules);
}
