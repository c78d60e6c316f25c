namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>What a durable namespace read back for one entity, oldest message first.</summary>
internal sealed record RestoredEntity(
    long LastSequenceNumber,
    IReadOnlyList<RestoredMessage> Messages,
    IReadOnlyList<(string SessionId, byte[] State)> SessionStates,
    IReadOnlyList<(string MessageId, DateTimeOffset SeenAt)> Duplicates);

/// <param name="WasLocked">Locked when the process stopped: the lock is gone, the delivery count it took stays.</param>
internal sealed record RestoredMessage(BrokerMessage Message, bool WasLocked);
