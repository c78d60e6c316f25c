namespace CloudMessaging.Web.Components.Pages.PriorityQueue;

/// <summary>The last <see cref="Capacity"/> stats events, oldest first, for the live charts (one a half second: a minute).</summary>
public sealed class TaskStatsHistory
{
    public const int Capacity = 120;

    public static readonly string[] Levels = ["high", "normal", "low"];

    private readonly Queue<Sample> _samples = new();

    public sealed record Sample(DateTimeOffset At, TaskStats Stats);

    public IReadOnlyCollection<Sample> Samples => _samples;

    public TaskStats? Latest { get; private set; }

    /// <summary>Adds a sample; returns the one before it (null for the first), so the caller can animate what changed.</summary>
    public TaskStats? Add(TaskStats stats, DateTimeOffset at)
    {
        var previous = Latest;
        Latest = stats;
        _samples.Enqueue(new Sample(at, stats));
        while (_samples.Count > Capacity)
        {
            _samples.Dequeue();
        }

        return previous;
    }

    public long EscalationsTotal => Latest is null ? 0 : Levels.Sum(level => Latest.Level(level).Escalated);
}
