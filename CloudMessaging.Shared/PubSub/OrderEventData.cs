namespace CloudMessaging.Shared.PubSub;

/// <summary>What an order event says about the order.</summary>
/// <param name="Reason">Why the order was cancelled; null for other event types.</param>
public sealed record OrderEventData(
    string OrderId,
    string CustomerId,
    decimal Total,
    string Country,
    string CustomerTier,
    string? Reason = null);
