using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Api.PriorityQueue;

/// <param name="Queue">The level whose queue holds (or served) the task now; differs from <paramref name="Priority"/> once escalated.</param>
/// <param name="QueueWaitMilliseconds">From acceptance to the start of the attempt that completed it.</param>
public sealed record TaskStatusResponse(
    string Id,
    string Priority,
    string Queue,
    string Status,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long? QueueWaitMilliseconds,
    int Escalations,
    int Attempts,
    int Effects,
    string? HandledBy)
{
    public static TaskStatusResponse From(TaskStatusRecord record) => new(
        record.Id,
        record.Priority.Name(),
        (record.ServedBy ?? record.Queue).Name(),
        record.State.ToString(),
        record.AcceptedAt,
        record.StartedAt,
        record.CompletedAt,
        record.State == TaskState.Completed && record.StartedAt is { } started ? (long)(started - record.AcceptedAt).TotalMilliseconds : null,
        record.Escalations,
        record.Attempts,
        record.Effects,
        record.HandledBy);
}
