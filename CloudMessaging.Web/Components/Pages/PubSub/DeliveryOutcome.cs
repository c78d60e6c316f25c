namespace CloudMessaging.Web.Components.Pages.PubSub;

/// <summary>What became of one event at one subscription.</summary>
public enum DeliveryOutcome
{
    /// <summary>Nothing yet: in flight, or the subscription's filter did not select it (decided once the others settle).</summary>
    Waiting,

    Received,

    /// <summary>The others have settled and this one has not received it: its filter turned the event away.</summary>
    TurnedAway,

    /// <summary>The subscriber's failure switch is on: the copy retries and then dead-letters.</summary>
    Failing,
}
