namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// A message handed to a consumer, with the values captured under the entity lock at the moment it was taken, so
/// the protocol side can encode it without holding the lock.
/// </summary>
internal readonly record struct MessageDelivery(
    BrokerMessage Message,
    Guid LockToken,
    DateTimeOffset LockedUntil,
    int PriorDeliveryCount,
    MessageState State);
