namespace CloudMessaging.Shared.Saga;

public sealed record Product(string Id, string Name, long InitialStock);
