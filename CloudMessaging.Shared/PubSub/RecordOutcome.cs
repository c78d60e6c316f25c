namespace CloudMessaging.Shared.PubSub;

/// <summary>What <see cref="SubscriberStore.RecordAsync"/> did with a subscriber's handling of an event.</summary>
public enum RecordOutcome
{
    /// <summary>Recorded now: the subscriber's first handling of the event.</summary>
    Recorded,

    /// <summary>Recorded before (a redelivered or duplicated copy); counted as a repeat.</summary>
    AlreadyRecorded,

    /// <summary>Not recorded: the subscriber's failure switch is on.</summary>
    SubscriberFailing,
}
