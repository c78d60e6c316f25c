namespace CloudMessaging.Api.PubSub;

/// <summary>An event the topic accepted; <see cref="Deliveries"/> shows which subscribers have handled it so far.</summary>
public sealed record PublishedEvent(string Id, string Type, string OrderId, string Deliveries);
