namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>An entity a sender schedules messages on: a queue or a topic.</summary>
internal interface IScheduleTarget
{
    string Name { get; }

    /// <summary>Returns the sequence numbers to cancel with, in order.</summary>
    long[] Schedule(IReadOnlyList<BrokerMessage> messages);

    /// <summary>Hands out the numbers that messages scheduled later will carry (a transaction answers with them at once).</summary>
    long[] ReserveSequenceNumbers(int count);

    /// <summary>Schedules messages under numbers from <see cref="ReserveSequenceNumbers"/>, in order.</summary>
    long[] Schedule(IReadOnlyList<BrokerMessage> messages, long[] sequenceNumbers);

    void CancelScheduled(IEnumerable<long> sequenceNumbers);
}
