using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Tests.PubSub;

/// <summary>
/// Order events for a test, as the API's request body shape, with ids unique to the test run so tests sharing the
/// AppHost never see each other's events. Properties vary over every value the filters look at.
/// </summary>
public sealed record SampleOrderEvent(string Id, string Type, OrderEventData Data)
{
    private static readonly string[] Countries = ["NL", "BE", "DE", "FR", "GB", "US", "BR", "JP", "NG", "IN"];

    private static readonly decimal[] Totals = [0m, 12.5m, 99.99m, 999.99m, 1000m, 1000.01m, 4999m, 250m];

    public object Body => new
    {
        id = Id,
        type = Type,
        source = "/tests/pubsub",
        data = new
        {
            orderId = Data.OrderId,
            customerId = Data.CustomerId,
            total = Data.Total,
            country = Data.Country,
            customerTier = Data.CustomerTier,
            reason = Data.Reason,
        },
    };

    public static SampleOrderEvent Create(string run, int index, string type, decimal total, string country, string tier = CustomerTiers.Standard) =>
        new(
            $"{run}-{index:D4}",
            type,
            new OrderEventData($"order-{run}-{index:D4}", $"customer-{index % 17}", total, country, tier,
                type == OrderEventTypes.OrderCancelled ? "Customer changed their mind" : null));

    /// <summary><paramref name="count"/> events cycling through types, totals, countries and tiers at co-prime strides.</summary>
    public static IReadOnlyList<SampleOrderEvent> Varied(string run, int count)
    {
        var types = OrderEventTypes.All.Order(StringComparer.Ordinal).ToArray();
        return [.. Enumerable.Range(0, count).Select(i => Create(
            run,
            i,
            types[i % types.Length],
            Totals[i % Totals.Length],
            Countries[(i * 3) % Countries.Length],
            CustomerTiers.All[(i / 2) % CustomerTiers.All.Count]))];
    }

    public static string NewRun(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
