namespace CloudMessaging.Shared.Saga;

public sealed record OrderItem(string ProductId, int Quantity);
