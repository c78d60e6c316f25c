using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

/// <summary>A job's status as clients see it, with links to where they go next.</summary>
public sealed record JobStatusResponse(
    string Id,
    string Kind,
    string Status,
    int Progress,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? StoppedAt,
    string? Replica,
    int Attempts,
    string? TraceId,
    JobProblem? Problem,
    JobLinks Links)
{
    public static JobStatusResponse From(JobRecord record) => new(
        record.Id,
        record.Kind,
        record.Status.ToString(),
        record.Progress,
        record.Version,
        record.CreatedAt,
        record.StartedAt,
        record.CompletedAt,
        record.CancelledAt,
        record.StoppedAt,
        record.Replica,
        record.Attempts,
        record.TraceId,
        record.Problem,
        new JobLinks(
            JobLinks.StatusOf(record.Id),
            $"{JobLinks.StatusOf(record.Id)}/events",
            record.Status == JobStatus.Succeeded ? JobLinks.ResultOf(record.Id) : null,
            record.Status.IsFinal() ? null : JobLinks.StatusOf(record.Id)));
}
