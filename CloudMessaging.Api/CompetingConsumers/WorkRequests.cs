namespace CloudMessaging.Api.CompetingConsumers;

/// <summary>One work item. Omit <paramref name="Id"/> to have one generated; send the same id again and the item's effect still happens once.</summary>
public sealed record WorkItemRequest(string? Id, int? HandlerMilliseconds, double? FailureRate, bool? Poison, int? PayloadBytes);

/// <summary>Many work items sent as one batch, all shaped alike.</summary>
public sealed record WorkBatchRequest(int? Count, int? HandlerMilliseconds, double? FailureRate, bool? Poison, int? PayloadBytes);

/// <summary>Items for <c>work-ordered</c>: <paramref name="Keys"/> keys with <paramref name="ItemsPerKey"/> items each, numbered in order.</summary>
public sealed record OrderedWorkRequest(int? Keys, int? ItemsPerKey, int? HandlerMilliseconds);
