namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>
/// The size-quota seam (MaxSizeInMegabytes): <see cref="MessageStore.EnsureRoomFor"/> asks it before a send or a
/// schedule stores anything, so a send that would exceed the quota is refused whole. One instance may be shared
/// by the entities whose sizes count together (an entity and its dead-letter queue, a topic's subscriptions).
/// </summary>
internal interface IEntityQuota
{
    /// <summary>Throws a <see cref="BrokerException"/> when <paramref name="incomingBytes"/> more do not fit.</summary>
    void EnsureRoom(long storedBytes, long incomingBytes);
}
