namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>A session lock granted to a receiver.</summary>
internal readonly record struct SessionGrant(string SessionId, DateTimeOffset LockedUntil);
