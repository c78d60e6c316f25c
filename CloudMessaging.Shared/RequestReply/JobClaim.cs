namespace CloudMessaging.Shared.RequestReply;

/// <summary>What a worker found when it tried to claim a job for a message it received.</summary>
public enum JobClaimOutcome
{
    /// <summary>The job is now Running on this replica.</summary>
    Claimed,

    /// <summary>No such job (its status expired or was never written): nothing to run.</summary>
    Unknown,

    /// <summary>Already final (a queued job cancelled before it ran, or a duplicate delivery of a finished one).</summary>
    Finished,

    /// <summary>Another replica runs it and its lease is live.</summary>
    LeaseHeld,
}

public sealed record JobClaim(JobClaimOutcome Outcome, JobRecord? Record);
