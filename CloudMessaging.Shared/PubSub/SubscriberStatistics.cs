namespace CloudMessaging.Shared.PubSub;

/// <summary>A subscriber's running totals: how many distinct events it handled and the latest one.</summary>
public sealed record SubscriberStatistics(string Subscriber, long Handled, HandledEvent? LastEvent, bool Failing);
