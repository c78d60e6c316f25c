using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Tests.PubSub;

/// <summary>
/// Which subscribers the topology in Config.json admits an event to, worked out here in plain C# rather than by
/// asking the broker, so the test checks the broker's filtering against an independent answer.
/// </summary>
public static class ExpectedRouting
{
    private static readonly HashSet<string> UsualCountries = ["NL", "BE", "DE", "FR", "GB", "US"];

    public static IReadOnlySet<string> SubscribersFor(string type, OrderEventData data)
    {
        var subscribers = new HashSet<string>(StringComparer.Ordinal)
        {
            EntityNames.OrdersSubscriptions.Billing,
            EntityNames.OrdersSubscriptions.Shipping,
            EntityNames.OrdersSubscriptions.Analytics,
        };

        // fraud: "total >= 1000 OR country NOT IN ('NL', 'BE', 'DE', 'FR', 'GB', 'US')"
        if (data.Total >= 1000m || !UsualCountries.Contains(data.Country))
        {
            subscribers.Add(EntityNames.OrdersSubscriptions.Fraud);
        }

        // notifications: correlation filter Label = OrderConfirmed
        if (type == OrderEventTypes.OrderConfirmed)
        {
            subscribers.Add(EntityNames.OrdersSubscriptions.Notifications);
        }

        return subscribers;
    }
}
