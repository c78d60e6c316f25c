namespace CloudMessaging.Shared.PubSub;

/// <summary>What one subscriber did with one order event, as it recorded it.</summary>
/// <param name="Effect">The subscriber's visible effect, in words (an invoice raised, a review opened).</param>
/// <param name="DeliveryCount">Which delivery of the message succeeded (1 unless earlier attempts failed).</param>
public sealed record HandledEvent(
    string Subscriber,
    string EventId,
    string Type,
    string OrderId,
    string Effect,
    string Replica,
    int DeliveryCount,
    DateTimeOffset PublishedAt,
    DateTimeOffset HandledAt);
