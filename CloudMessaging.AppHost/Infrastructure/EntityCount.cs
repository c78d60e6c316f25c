namespace CloudMessaging.AppHost.Infrastructure;

/// <summary>One queue's or subscription's message counts, as the administration API reports them.</summary>
internal sealed record EntityCount(string Path, long Active, long Scheduled, long DeadLetter)
{
    private const string SubscriptionsSegment = "/Subscriptions/";

    public static string SubscriptionPath(string topic, string subscription) => topic + SubscriptionsSegment + subscription;

    /// <summary>(topic, subscription) for a subscription path, (null, null) for a queue.</summary>
    public static (string? Topic, string? Subscription) SplitSubscription(string path)
    {
        var at = path.IndexOf(SubscriptionsSegment, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? (null, null) : (path[..at], path[(at + SubscriptionsSegment.Length)..]);
    }
}
