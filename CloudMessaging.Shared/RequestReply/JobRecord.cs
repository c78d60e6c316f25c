using CloudMessaging.Shared.Redis;
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
        if (HashFields.From(entries) is not { } fields || !fields.Contains(JobFields.Id) || !fields.Contains(JobFields.Status))
        {
            return null;
        }

        return new JobRecord
        {
            Id = fields[JobFields.Id],
            Kind = fields.Text(JobFields.Kind) ?? string.Empty,
            Status = Enum.Parse<JobStatus>(fields[JobFields.Status]),
            Progress = (int)fields.Number(JobFields.Progress),
            Version = fields.Number(JobFields.Version),
            CreatedAt = fields.RoundTripTime(JobFields.CreatedAt) ?? default,
            StartedAt = fields.RoundTripTime(JobFields.StartedAt),
            CompletedAt = fields.RoundTripTime(JobFields.CompletedAt),
            CancelledAt = fields.RoundTripTime(JobFields.CancelledAt),
            StoppedAt = fields.RoundTripTime(JobFields.StoppedAt),
            Replica = fields.Text(JobFields.Replica),
            Attempts = (int)fields.Number(JobFields.Attempts),
            LeaseUntil = fields.RoundTripTime(JobFields.LeaseUntil),
            Problem = fields.Text(JobFields.ProblemTitle) is { } title ? new JobProblem(title, fields.Text(JobFields.ProblemDetail)) : null,
            Result = fields.Text(JobFields.Result),
            TraceId = fields.Text(JobFields.TraceId),
            ReceivedTraceId = fields.Text(JobFields.ReceivedTraceId),
            LastError = fields.Text(JobFields.LastError),
        };
    }
}
