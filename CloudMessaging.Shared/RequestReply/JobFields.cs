namespace CloudMessaging.Shared.RequestReply;

/// <summary>Field names of a job's Redis hash.</summary>
internal static class JobFields
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Status = "status";
    public const string Progress = "progress";
    public const string Version = "version";
    public const string CreatedAt = "createdAt";
    public const string StartedAt = "startedAt";
    public const string CompletedAt = "completedAt";
    public const string CancelledAt = "cancelledAt";
    public const string StoppedAt = "stoppedAt";
    public const string Replica = "replica";
    public const string Attempts = "attempts";
    public const string LeaseUntil = "leaseUntil";
    public const string ProblemTitle = "problemTitle";
    public const string ProblemDetail = "problemDetail";
    public const string Result = "result";
    public const string TraceId = "traceId";
    public const string ReceivedTraceId = "receivedTraceId";
    public const string LastError = "lastError";
}
