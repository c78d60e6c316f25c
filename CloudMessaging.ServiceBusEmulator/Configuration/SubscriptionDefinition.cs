namespace CloudMessaging.ServiceBusEmulator.Configuration;

public sealed record SubscriptionDefinition
{
    public required string Name { get; init; }

    public TimeSpan LockDuration { get; init; } = EntityDefaults.LockDuration;

    public int MaxDeliveryCount { get; init; } = EntityDefaults.MaxDeliveryCount;

    public TimeSpan DefaultMessageTimeToLive { get; init; } = EntityDefaults.DefaultMessageTimeToLive;

    public bool DeadLetteringOnMessageExpiration { get; init; }

    public bool RequiresSession { get; init; }

    public string? ForwardTo { get; init; }

    public string? ForwardDeadLetteredMessagesTo { get; init; }

    /// <summary>Empty means the service's default rule (<c>$Default</c>, a true filter).</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];
}
