namespace CloudMessaging.Shared.PriorityQueue;

public enum TaskState
{
    Queued,
    Processing,
    Completed,
}
