namespace CloudMessaging.Shared.PubSub;

/// <summary>The customer tiers the API accepts on an order event (the <c>tier</c> property filters can read).</summary>
public static class CustomerTiers
{
    public const string Standard = "standard";

    public const string Gold = "gold";

    public const string Platinum = "platinum";

    public static IReadOnlyList<string> All { get; } = [Standard, Gold, Platinum];
}
