namespace CloudMessaging.Shared.PubSub;

/// <summary>The event types published on the <c>orders</c> topic; each is also the message's Subject.</summary>
public static class OrderEventTypes
{
    public const string OrderPlaced = "OrderPlaced";

    public const string OrderConfirmed = "OrderConfirmed";

    public const string OrderCancelled = "OrderCancelled";

    public static IReadOnlySet<string> All { get; } =
        new HashSet<string>(StringComparer.Ordinal) { OrderPlaced, OrderConfirmed, OrderCancelled };

    public static bool IsKnown(string? type) => type is not null && All.Contains(type);
}
