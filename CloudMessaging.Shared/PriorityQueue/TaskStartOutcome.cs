namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>What a delivery of a task found when it asked the ledger to start work.</summary>
public enum TaskStartOutcome
{
    /// <summary>The delivery does the work.</summary>
    Started,

    /// <summary>Another delivery already applied the task's effect: complete this one without work.</summary>
    AlreadyCompleted,

    /// <summary>
    /// The task was escalated and its copy is in a higher queue: this delivery is the original left behind, to be
    /// completed without work (the copy does it).
    /// </summary>
    EscalatedAway,
}
