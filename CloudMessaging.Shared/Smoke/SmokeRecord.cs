namespace CloudMessaging.Shared.Smoke;

/// <summary>Which worker replica handled a smoke message, and when.</summary>
public sealed record SmokeRecord(string Replica, DateTimeOffset HandledAt);
