namespace CloudMessaging.Web.Components.Pages.PriorityQueue;

/// <summary>
/// High tasks sent while lower levels hold a backlog: done once the high level's completed count has grown by
/// <see cref="Count"/>; <see cref="BacklogWhenDone"/> is how many normal and low tasks were accepted but not completed
/// then, wherever they wait (escalated ones too): above zero, the high tasks overtook them.
/// </summary>
public sealed class HighTaskRun(int count, long completedBefore, long backlogWhenSent, DateTimeOffset sentAt)
{
    public int Count { get; } = count;

    public long BacklogWhenSent { get; } = backlogWhenSent;

    public DateTimeOffset SentAt { get; } = sentAt;

    public long? BacklogWhenDone { get; private set; }

    public TimeSpan? TookFor { get; private set; }

    public bool IsDone => BacklogWhenDone is not null;

    public bool Overtook => BacklogWhenDone > 0;

    public void Observe(TaskStats stats, DateTimeOffset at)
    {
        if (IsDone || stats.Level("high").Completed < completedBefore + Count)
        {
            return;
        }

        BacklogWhenDone = Backlog(stats);
        TookFor = at - SentAt;
    }

    public static long Backlog(TaskStats stats) => Unfinished(stats.Level("normal")) + Unfinished(stats.Level("low"));

    private static long Unfinished(TaskLevelStats level) => Math.Max(0, level.Accepted - level.Completed);
}
