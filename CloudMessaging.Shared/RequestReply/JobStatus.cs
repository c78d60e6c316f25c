namespace CloudMessaging.Shared.RequestReply;

/// <summary>The life of a job: Queued → Running → Succeeded | Failed | Cancelled. The last three are final.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
