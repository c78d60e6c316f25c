namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// What Redis knows about one task. <see cref="Attempts"/> counts deliveries that started work, <see cref="Effects"/>
/// counts times its effect was applied: at-least-once delivery may make the first larger than one, never the second.
/// </summary>
public sealed record TaskStatusRecord(
    string Id,
    TaskPriority Priority,
    TaskPriority Queue,
    TaskState State,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int Escalations,
    int Attempts,
    int Effects,
    string? HandledBy,
    TaskPriority? ServedBy);
