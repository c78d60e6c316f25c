namespace CloudMessaging.ServiceBusEmulator.Configuration;

public sealed record TopicDefinition
{
    public required string Name { get; init; }

    public TimeSpan DefaultMessageTimeToLive { get; init; } = EntityDefaults.DefaultMessageTimeToLive;

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = EntityDefaults.DuplicateDetectionHistoryTimeWindow;

    public IReadOnlyList<SubscriptionDefinition> Subscriptions { get; init; } = [];
}
