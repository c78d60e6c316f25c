namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// What the official Service Bus emulator accepts. This emulator accepts more, and warns at start-up about a
/// value the official one would refuse, so a topology meant for both can be checked here.
/// </summary>
internal static class OfficialEmulatorLimits
{
    public const string NamespaceName = "sbemulatorns";

    public const int MaxQueuesAndTopics = 50;

    public const int MaxSubscriptionsPerTopic = 50;

    public const int MinMaxDeliveryCount = 1;

    public const int MaxMaxDeliveryCount = 10;

    public static readonly DurationRange MessageTimeToLive = new(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

    public static readonly DurationRange DuplicateDetectionHistoryTimeWindow = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    public static readonly DurationRange QueueLockDuration = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    public static readonly DurationRange SubscriptionLockDuration = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    public static readonly IReadOnlyList<string> LoggingTypes = ["File", "Console", "File,Console", "Console,File"];

    public readonly record struct DurationRange(TimeSpan Min, TimeSpan Max)
    {
        public bool Contains(TimeSpan value) => value >= Min && value <= Max;

        public override string ToString() => $"{Iso8601Duration.Format(Min)}..{Iso8601Duration.Format(Max)}";
    }
}
