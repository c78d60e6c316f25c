namespace CloudMessaging.Shared.Saga;

/// <summary>A product's stock: what can still be reserved, and what orders hold.</summary>
public sealed record StockLevel(string ProductId, string Name, long Available, long Reserved);
