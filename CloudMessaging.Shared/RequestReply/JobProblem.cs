namespace CloudMessaging.Shared.RequestReply;

/// <summary>Why a job failed, in the terms of RFC 9457 problem details.</summary>
public sealed record JobProblem(string Title, string? Detail);
