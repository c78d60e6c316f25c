using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>A topic subscription: its name, its rules and the settings it runs with.</summary>
public sealed record SubscriptionDefinition : EntitySettings
{
    public SubscriptionDefinition()
    {
    }

    /// <summary>A subscription with the settings read from its Properties.</summary>
    internal SubscriptionDefinition(EntitySettings settings)
        : base(settings)
    {
    }

    public required string Name { get; init; }

    /// <summary>Empty means the service's default rule (<c>$Default</c>, a true filter).</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];

    /// <summary>The settings the subscription runs with: its messages live no longer than the topic's time to live allows either.</summary>
    internal EntitySettings SettingsUnder(TopicDefinition topic) =>
        DefaultMessageTimeToLive <= topic.DefaultMessageTimeToLive ? this : this with { DefaultMessageTimeToLive = topic.DefaultMessageTimeToLive };
}
