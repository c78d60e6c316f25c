namespace CloudMessaging.Api.PriorityQueue;

/// <summary>One task to run: its priority (<c>high</c>, <c>normal</c>, <c>low</c>), a payload and how long its simulated work takes.</summary>
public sealed record TaskSubmission(string? Priority, string? Payload, int? WorkMilliseconds);

public sealed record TaskBatchSubmission(IReadOnlyList<TaskSubmission?>? Tasks);
