namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

/// <summary>Scheduled messages cancelled under a transaction: they stay scheduled until it commits.</summary>
internal sealed class StagedCancellation(IScheduleTarget target, long[] sequenceNumbers) : IStagedWork
{
    public void Validate()
    {
    }

    public void Commit() => target.CancelScheduled(sequenceNumbers);

    public void Rollback()
    {
    }
}
