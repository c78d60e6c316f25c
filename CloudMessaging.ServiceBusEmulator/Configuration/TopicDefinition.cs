namespace CloudMessaging.ServiceBusEmulator.Configuration;

public sealed record TopicDefinition
{
    public required string Name { get; init; }

    public TimeSpan DefaultMessageTimeToLive { get; init; } = EntityDefaults.DefaultMessageTimeToLive;

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = EntityDefaults.DuplicateDetectionHistoryTimeWindow;

    public IReadOnlyList<SubscriptionDefinition> Subscriptions { get; init; } = [];

    /// <summary>The size quota of all subscriptions together: a send that would exceed it fails with QuotaExceeded.</summary>
    public int MaxSizeInMegabytes { get; init; } = EntityDefaults.MaxSizeInMegabytes;
}
