namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

/// <summary>Messages scheduled under a transaction: their sequence numbers are reserved at once, the messages stored at commit.</summary>
internal sealed class StagedSchedule(IScheduleTarget target, IReadOnlyList<BrokerMessage> messages, long[] sequenceNumbers) : IStagedWork
{
    public void Validate()
    {
    }

    public void Commit() => target.Schedule(messages, sequenceNumbers);

    public void Rollback()
    {
    }
}
