namespace CloudMessaging.Api.PubSub;

public sealed record PublishAccepted(int Published, IReadOnlyList<PublishedEvent> Events);
