namespace CloudMessaging.Shared.CompetingConsumers;

/// <summary>Application properties on work messages, and on any message the dead-letter replay re-sends.</summary>
public static class WorkProperties
{
    /// <summary>How many times the message was re-sent from a dead-letter queue (set by the replay endpoint).</summary>
    public const string ReplayCount = "ReplayCount";

    /// <summary>The dead-letter reason the message carried before its last replay, for the record.</summary>
    public const string ReplayedFrom = "ReplayedFromDeadLetterReason";

    /// <summary>On a copy replayed to a topic: the subscription whose dead-letter queue it came from.</summary>
    public const string ReplayedForSubscription = "ReplayedForSubscription";
}
