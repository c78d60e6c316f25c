namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>An entity a sender schedules messages on: a queue or a topic.</summary>
internal interface IScheduleTarget
{
    string Name { get; }

    /// <summary>Returns the sequence numbers to cancel with, in order.</summary>
    long[] Schedule(IReadOnlyList<BrokerMessage> messages);

    void CancelScheduled(IEnumerable<long> sequenceNumbers);
}
