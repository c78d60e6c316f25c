using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>A queue: its name and the settings it runs with.</summary>
public sealed record QueueDefinition : EntitySettings
{
    public QueueDefinition()
    {
    }

    /// <summary>A queue with the settings read from its Properties.</summary>
    internal QueueDefinition(EntitySettings settings)
        : base(settings)
    {
    }

    public required string Name { get; init; }

    /// <summary>The size quota: a send that would make the queue larger fails with QuotaExceeded.</summary>
    public int MaxSizeInMegabytes { get; init; } = EntityDefaults.MaxSizeInMegabytes;
}
