using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Api.PriorityQueue;

/// <param name="Levels">Keyed by priority name, highest first.</param>
public sealed record TaskStatsResponse(double WindowSeconds, double EscalateAfterSeconds, IReadOnlyDictionary<string, TaskLevelStats> Levels);

/// <param name="Accepted">Tasks submitted with this priority.</param>
/// <param name="Completed">Tasks submitted with this priority that completed, whichever level's consumers ran them.</param>
/// <param name="Escalated">Tasks moved out of this level's queue to the next one up.</param>
/// <param name="WaitingNow">Tasks in this level's queue now, not yet started (escalated tasks count where they are).</param>
/// <param name="OldestWaitingMilliseconds">How long the oldest of those has been in this queue.</param>
/// <param name="QueueWait">Acceptance to start, for tasks of this priority that started within the window.</param>
public sealed record TaskLevelStats(long Accepted, long Completed, long Escalated, long WaitingNow, long? OldestWaitingMilliseconds, QueueWaitPercentiles QueueWait)
{
    public static TaskLevelStats From(TaskLevelSnapshot snapshot, DateTimeOffset now) => new(
        snapshot.Accepted,
        snapshot.Completed,
        snapshot.Escalated,
        snapshot.WaitingNow,
        snapshot.OldestWaitingSince is { } since ? Math.Max(0, (long)(now - since).TotalMilliseconds) : null,
        QueueWaitPercentiles.Of(snapshot.RecentWaitsMilliseconds));
}

public sealed record QueueWaitPercentiles(int Samples, long? P50Milliseconds, long? P95Milliseconds, long? P99Milliseconds)
{
    public static QueueWaitPercentiles Of(IReadOnlyList<long> waits)
    {
        if (waits.Count == 0)
        {
            return new QueueWaitPercentiles(0, null, null, null);
        }

        var sorted = waits.Order().ToArray();
        // Nearest rank: the smallest sample with at least p of the samples at or below it.
        long Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new QueueWaitPercentiles(sorted.Length, Percentile(0.50), Percentile(0.95), Percentile(0.99));
    }
}
