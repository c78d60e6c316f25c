namespace CloudMessaging.Api.PriorityQueue;

public sealed record TaskAccepted(string Id, string Priority, string Status, string StatusUrl);

public sealed record TaskBatchAccepted(IReadOnlyList<TaskAccepted> Tasks);
