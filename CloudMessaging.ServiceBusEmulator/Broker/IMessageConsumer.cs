namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>A receiver attached to an entity, fed by the entity whenever it has both messages and credit.</summary>
internal interface IMessageConsumer
{
    ReceiveMode ReceiveMode { get; }

    /// <summary>How many more messages the consumer can take right now.</summary>
    int AvailableCredit { get; }

    /// <summary>Called by the entity outside its lock, in sequence order for this consumer.</summary>
    void Deliver(in MessageDelivery delivery);
}
