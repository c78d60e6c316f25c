namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// Application properties a task message carries. The message id is the task id; these survive escalation
/// unchanged except <see cref="Escalations"/>, so the task keeps its identity and its original enqueue time.
/// </summary>
public static class TaskMessageProperties
{
    /// <summary>The priority the task was submitted with.</summary>
    public const string Priority = "task-priority";

    /// <summary>When the API accepted the task (Unix milliseconds): the start of its queue wait.</summary>
    public const string AcceptedAt = "task-accepted-at";

    /// <summary>How many levels the task has been moved up.</summary>
    public const string Escalations = "task-escalations";

    public const string ContentType = "application/json";
}
