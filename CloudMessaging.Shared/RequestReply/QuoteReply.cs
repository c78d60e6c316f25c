namespace CloudMessaging.Shared.RequestReply;

/// <summary>The worker's answer to a <see cref="QuoteRequest"/>, sent to the requester's reply session.</summary>
public sealed record QuoteReply(
    string Id,
    string Product,
    int Quantity,
    decimal UnitPrice,
    decimal DiscountPercent,
    decimal Total,
    string QuotedBy,
    DateTimeOffset QuotedAt);
