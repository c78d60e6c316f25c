namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>The entities one emulator namespace serves, as read from an official-format <c>Config.json</c>.</summary>
public sealed record EmulatorTopology
{
    public string NamespaceName { get; init; } = "sbemulatorns";

    public IReadOnlyList<QueueDefinition> Queues { get; init; } = [];

    public IReadOnlyList<TopicDefinition> Topics { get; init; } = [];

    /// <summary>
    /// <c>UserConfig.Logging.Type</c> as written ("Console", "File", "File,Console"); null when absent. Kept for
    /// reference: this emulator logs through its host's logging configuration.
    /// </summary>
    public string? LoggingType { get; init; }
}
