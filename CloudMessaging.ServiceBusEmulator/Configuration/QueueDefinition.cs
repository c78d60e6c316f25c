namespace CloudMessaging.ServiceBusEmulator.Configuration;

public sealed record QueueDefinition
{
    public required string Name { get; init; }

    public TimeSpan LockDuration { get; init; } = EntityDefaults.LockDuration;

    public int MaxDeliveryCount { get; init; } = EntityDefaults.MaxDeliveryCount;

    public TimeSpan DefaultMessageTimeToLive { get; init; } = EntityDefaults.DefaultMessageTimeToLive;

    public bool DeadLetteringOnMessageExpiration { get; init; }

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = EntityDefaults.DuplicateDetectionHistoryTimeWindow;

    public bool RequiresSession { get; init; }

    /// <summary>Entity that every message is moved to on arrival; null when not forwarding.</summary>
    public string? ForwardTo { get; init; }

    public string? ForwardDeadLetteredMessagesTo { get; init; }
}
