namespace CloudMessaging.Shared.PubSub;

/// <summary>Knobs of the publisher-subscriber pattern (section <c>PubSub</c>).</summary>
public sealed class PubSubOptions
{
    public const string SectionName = "PubSub";

    public SubscriberOptions Subscribers { get; set; } = new();
}
