namespace CloudMessaging.Shared.RequestReply;

public enum JobCancellationOutcome
{
    Cancelled,
    Unknown,
    AlreadyFinal,
}

public sealed record JobCancellation(JobCancellationOutcome Outcome, JobRecord? Record);
