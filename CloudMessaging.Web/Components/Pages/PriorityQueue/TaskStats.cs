namespace CloudMessaging.Web.Components.Pages.PriorityQueue;

/// <summary><c>GET /api/tasks/stats</c> (and each event of <c>/api/tasks/stats/events</c>), keyed by priority name.</summary>
public sealed record TaskStats(double WindowSeconds, double EscalateAfterSeconds, Dictionary<string, TaskLevelStats> Levels)
{
    public TaskLevelStats Level(string priority) => Levels.TryGetValue(priority, out var level) ? level : TaskLevelStats.Empty;
}

public sealed record TaskLevelStats(long Accepted, long Completed, long Escalated, long WaitingNow, long? OldestWaitingMilliseconds, QueueWait QueueWait)
{
    public static readonly TaskLevelStats Empty = new(0, 0, 0, 0, null, new QueueWait(0, null, null, null));
}

public sealed record QueueWait(int Samples, long? P50Milliseconds, long? P95Milliseconds, long? P99Milliseconds);

/// <summary>The body of <c>POST /api/tasks/batch</c>.</summary>
public sealed record TaskBatchRequest(IReadOnlyList<TaskRequest> Tasks);

public sealed record TaskRequest(string Priority, int WorkMilliseconds);

public sealed record TaskBatchAccepted(IReadOnlyList<TaskAccepted> Tasks);

public sealed record TaskAccepted(string Id, string Priority, string Status, string StatusUrl);
