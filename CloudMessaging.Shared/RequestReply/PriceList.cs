namespace CloudMessaging.Shared.RequestReply;

/// <summary>The products a quote can be asked for, and the volume discounts; the worker prices, the API validates.</summary>
public static class PriceList
{
    public static readonly IReadOnlyDictionary<string, decimal> UnitPrices = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["widget"] = 2.50m,
        ["gadget"] = 12.00m,
        ["gizmo"] = 99.90m,
    };

    /// <summary>5 % off from 100 units, 10 % off from 1,000.</summary>
    public static decimal DiscountPercent(int quantity) => quantity >= 1000 ? 10m : quantity >= 100 ? 5m : 0m;

    public static decimal Total(string product, int quantity) =>
        Math.Round(UnitPrices[product] * quantity * (100m - DiscountPercent(quantity)) / 100m, 2, MidpointRounding.AwayFromZero);
}
