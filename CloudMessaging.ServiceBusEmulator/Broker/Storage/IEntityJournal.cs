namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>
/// The persistence seam: <see cref="MessageStore"/> reports here every change a durable namespace would have to
/// log, under the entity lock and in the order the changes happen. Locks are not reported: like the service's,
/// they do not outlive the broker.
/// </summary>
internal interface IEntityJournal
{
    /// <summary>A message was accepted (sent, scheduled, dead-lettered or forwarded into the entity) and numbered.</summary>
    void Stored(BrokerMessage message);

    /// <summary>A stored message changed: deferred, or back from a lock with a new delivery count or properties.</summary>
    void Updated(BrokerMessage message);

    /// <summary>A message left: completed, dead-lettered, expired, cancelled, deleted or received and deleted.</summary>
    void Removed(BrokerMessage message);

    void SessionStateWritten(string sessionId, byte[]? state);
}
