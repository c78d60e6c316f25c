namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>The three priorities, highest first; each has its own queue and its own consumers.</summary>
public enum TaskPriority
{
    High,
    Normal,
    Low,
}
