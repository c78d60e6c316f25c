namespace CloudMessaging.Shared.PubSub;

/// <summary>How each replica's order-event subscribers receive (section <c>PubSub:Subscribers</c>).</summary>
public sealed class SubscriberOptions
{
    /// <summary>Events one subscriber handles at once on one replica.</summary>
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>Events fetched ahead of the handlers, so a burst is not received one round trip at a time.</summary>
    public int PrefetchCount { get; set; } = 16;
}
