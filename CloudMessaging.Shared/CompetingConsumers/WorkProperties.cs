namespace CloudMessaging.Shared.CompetingConsumers;

/// <summary>Application properties on work messages.</summary>
public static class WorkProperties
{
    /// <summary>How many times the message was re-sent from a dead-letter queue (set by the replay endpoint).</summary>
    public const string ReplayCount = "ReplayCount";

    /// <summary>The dead-letter reason the reason carried before its last replay, for the record.</summary>
    public const string ReplayedFrom = "ReplayedFromDeadLetterReason";
}
