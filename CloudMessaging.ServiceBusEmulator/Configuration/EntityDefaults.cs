namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// Defaults for properties a Config.json leaves out: the official emulator's, except the time to live, which
/// is unbounded as on Azure rather than capped at an hour.
/// </summary>
public static class EntityDefaults
{
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(1);

    public const int MaxDeliveryCount = 3;

    public static readonly TimeSpan DefaultMessageTimeToLive = TimeSpan.MaxValue;

    public static readonly TimeSpan DuplicateDetectionHistoryTimeWindow = TimeSpan.FromSeconds(20);

    /// <summary>The service's default size quota of a queue or topic.</summary>
    public const int MaxSizeInMegabytes = 1024;
}
