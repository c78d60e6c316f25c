namespace CloudMessaging.Api.Saga;

/// <summary>One order's reservation record as the inventory participant keeps it.</summary>
public sealed record ReservationView(string OrderId, IReadOnlyDictionary<string, string> Record);
