namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>Counters and recent queue waits of one priority level, as Redis holds them now.</summary>
/// <param name="RecentWaitsMilliseconds">Queue waits (acceptance to start of the completing attempt) of the tasks of this priority that started within the stats window.</param>
public sealed record TaskLevelSnapshot(
    TaskPriority Priority,
    long Accepted,
    long Completed,
    long Escalated,
    long WaitingNow,
    DateTimeOffset? OldestWaitingSince,
    IReadOnlyList<long> RecentWaitsMilliseconds);
