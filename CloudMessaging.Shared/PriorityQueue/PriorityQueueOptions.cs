using System.ComponentModel.DataAnnotations;

namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// The knobs of the priority queue (configuration section <c>PriorityQueue</c>). The AppHost forwards its own
/// <c>PriorityQueue</c> section to the API and the workers, so <c>dotnet run --project CloudMessaging.AppHost --
/// --PriorityQueue:EscalateAfter 00:00:10</c> changes every replica.
/// </summary>
public sealed class PriorityQueueOptions
{
    public const string SectionName = "PriorityQueue";

    /// <summary>Concurrent handlers per replica for each level: high gets the most, low always gets at least one.</summary>
    public LevelConcurrency Concurrency { get; set; } = new();

    /// <summary>How long a task may wait in the normal or low queue before it is moved one level up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each replica's escalator looks at the head of the normal and low queues.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an escalator's claim on a task may stay unconfirmed (claimed, copy not yet sent one level up) before
    /// another escalator may take it over: the claimer is presumed dead. Several escalation intervals, and far longer
    /// than one send takes; every replica's escalator also re-walks its level from the head this often, to find such
    /// claims behind its cursor.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan EscalationClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// At most this many tasks per level are escalated by one replica in one pass, so that a large aged backlog
    /// trickles up instead of burying the level above it.
    /// </summary>
    [Range(1, 1000)]
    public int EscalationBatchSize { get; set; } = 50;

    /// <summary>The recent window over which <c>GET /api/tasks/stats</c> reports queue wait percentiles.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StatsWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest simulated work a task may ask for; kept under the queues' one-minute lock.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxWorkTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a task's status record stays in Redis after its last change.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan StatusTimeToLive { get; set; } = TimeSpan.FromDays(1);

    public int ConcurrencyOf(TaskPriority priority) => priority switch
    {
        TaskPriority.High => Concurrency.High,
        TaskPriority.Normal => Concurrency.Normal,
        _ => Concurrency.Low,
    };

    public sealed class LevelConcurrency
    {
        [Range(1, 256)]
        public int High { get; set; } = 8;

        [Range(1, 256)]
        public int Normal { get; set; } = 4;

        [Range(1, 256)]
        public int Low { get; set; } = 1;
    }
}
