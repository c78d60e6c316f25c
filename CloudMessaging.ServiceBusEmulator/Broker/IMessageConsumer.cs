namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>A receiver attached to an entity, fed by the entity whenever it has both messages and credit.</summary>
internal interface IMessageConsumer
{
    ReceiveMode ReceiveMode { get; }

    /// <summary>The session this receiver is locked to; null for a receiver of a non-session entity.</summary>
    string? SessionId { get; }

    /// <summary>How many more messages the consumer can take right now.</summary>
    int AvailableCredit { get; }

    /// <summary>Called by the entity outside its lock, in sequence order for this consumer.</summary>
    void Deliver(in MessageDelivery delivery);

    /// <summary>The session lock expired: the receiver must stop (its link is closed with session-lock-lost).</summary>
    void OnSessionLockLost();
}
