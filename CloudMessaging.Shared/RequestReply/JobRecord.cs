using System.Globalization;
using StackExchange.Redis;

namespace CloudMessaging.Shared.RequestReply;

/// <summary>A job's status as stored in its Redis hash (one hash per job, see <see cref="JobStore"/>).</summary>
public sealed record JobRecord
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public JobStatus Status { get; init; }

    /// <summary>Percent done, 0 to 100, as the worker last reported it.</summary>
    public int Progress { get; init; }

    /// <summary>Bumped by every visible change: the optimistic-concurrency token, and the order of events.</summary>
    public long Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>When the worker that was running a cancelled job noticed and stopped.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>The worker replica that runs (or ran) the job.</summary>
    public string? Replica { get; init; }

    /// <summary>How many times a worker started the job (more than one after a takeover or a retry).</summary>
    public int Attempts { get; init; }

    /// <summary>Until when the running replica's claim holds without a heartbeat.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public JobProblem? Problem { get; init; }

    /// <summary>The result as JSON, once succeeded.</summary>
    public string? Result { get; init; }

    /// <summary>The trace the API's request started; the SDK carries it to the worker in the message's Diagnostic-Id.</summary>
    public string? TraceId { get; init; }

    /// <summary>The trace id the worker read from the message it received.</summary>
    public string? ReceivedTraceId { get; init; }

    /// <summary>The last transient error, kept while the message is retried.</summary>
    public string? LastError { get; init; }

    public static JobRecord? FromHash(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        if (!fields.ContainsKey(JobFields.Id) || !fields.ContainsKey(JobFields.Status))
        {
            return null;
        }

        string? Text(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        DateTimeOffset? Time(string name) => Text(name) is { } value ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
        long Number(string name) => Text(name) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

        return new JobRecord
        {
            Id = fields[JobFields.Id],
            Kind = Text(JobFields.Kind) ?? string.Empty,
            Status = Enum.Parse<JobStatus>(fields[JobFields.Status]),
            Progress = (int)Number(JobFields.Progress),
            Version = Number(JobFields.Version),
            CreatedAt = Time(JobFields.CreatedAt) ?? default,
            StartedAt = Time(JobFields.StartedAt),
            CompletedAt = Time(JobFields.CompletedAt),
            CancelledAt = Time(JobFields.CancelledAt),
            StoppedAt = Time(JobFields.StoppedAt),
            Replica = Text(JobFields.Replica),
            Attempts = (int)Number(JobFields.Attempts),
            LeaseUntil = Time(JobFields.LeaseUntil),
            Problem = Text(JobFields.ProblemTitle) is { } title ? new JobProblem(title, Text(JobFields.ProblemDetail)) : null,
            Result = Text(JobFields.Result),
            TraceId = Text(JobFields.TraceId),
            ReceivedTraceId = Text(JobFields.ReceivedTraceId),
            LastError = Text(JobFields.LastError),
        };
    }
}
