namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>Something that can be sent to: a queue, a topic, a forwarding target.</summary>
internal interface IMessageTarget
{
    string Name { get; }

    /// <summary>Accepts the messages in order, atomically per target; returns the sequence numbers assigned.</summary>
    void Send(IReadOnlyList<BrokerMessage> messages, int hopCount = 0);
}
