using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

/// <param name="Handled">Distinct events this subscriber has handled (a redelivered copy counts once).</param>
/// <param name="DeadLettered">Messages in the subscription's dead-letter queue, counted up to <see cref="SubscriberEndpoints.DeadLetterCountLimit"/>.</param>
/// <param name="Failing">Whether the failure switch is on (the subscriber fails every event it receives).</param>
public sealed record SubscriberView(
    string Name,
    long Handled,
    HandledEvent? LastEvent,
    bool Failing,
    int DeadLettered,
    IReadOnlyList<RuleView> Rules);
