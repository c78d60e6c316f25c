namespace CloudMessaging.Shared.RequestReply;

public static class JobStatusExtensions
{
    public static bool IsFinal(this JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
