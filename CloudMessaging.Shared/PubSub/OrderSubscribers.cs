namespace CloudMessaging.Shared.PubSub;

/// <summary>The subscriptions on the <c>orders</c> topic, each served by its own handler in the workers.</summary>
public static class OrderSubscribers
{
    public static IReadOnlyList<string> All { get; } =
    [
        EntityNames.OrdersSubscriptions.Billing,
        EntityNames.OrdersSubscriptions.Shipping,
        EntityNames.OrdersSubscriptions.Analytics,
        EntityNames.OrdersSubscriptions.Fraud,
        EntityNames.OrdersSubscriptions.Notifications,
    ];

    /// <summary>The subscription's own spelling of <paramref name="name"/>, or null when there is no such subscription.</summary>
    public static string? Find(string? name) => All.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
}
