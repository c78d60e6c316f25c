namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// An entity's messages by kind, as the administration API reports them. Active counts locked messages too, as on
/// the service; deferred messages count only in the total.
/// </summary>
internal readonly record struct EntityCounts(long Active, long Deferred, long Scheduled, long DeadLetter, long SizeInBytes)
{
    public long Total => Active + Deferred + Scheduled + DeadLetter;

    public static EntityCounts operator +(EntityCounts a, EntityCounts b) =>
        new(a.Active + b.Active, a.Deferred + b.Deferred, a.Scheduled + b.Scheduled, a.DeadLetter + b.DeadLetter, a.SizeInBytes + b.SizeInBytes);
}
