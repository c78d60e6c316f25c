namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The products an order may name. Stock is large on purpose: the saga demonstrates bookkeeping under concurrency,
/// failures and redeliveries, not running out of stock (a failure the <c>failAt</c> switch simulates instead).
/// </summary>
public static class ProductCatalog
{
    public const long InitialStock = 1_000_000_000;

    public static IReadOnlyList<Product> Products { get; } =
    [
        new("widget", "Widget", InitialStock),
        new("gadget", "Gadget", InitialStock),
        new("gizmo", "Gizmo", InitialStock),
        new("doohickey", "Doohickey", InitialStock),
    ];

    public static bool Contains(string productId) => Products.Any(p => p.Id == productId);
}
