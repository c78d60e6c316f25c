namespace CloudMessaging.Api.CompetingConsumers;

public sealed record WorkItemAccepted(string Id, string Status);

public sealed record WorkItemStatus(string Id, string Status, string? ProcessedBy, DateTimeOffset? ProcessedAt);

public sealed record WorkBatchAccepted(string BatchId, int Count, string FirstId, string LastId);

public sealed record OrderedBatchAccepted(string BatchId, int Keys, int ItemsPerKey);
