namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>The entities one emulator namespace serves, as read from an official-format <c>Config.json</c>.</summary>
public sealed record EmulatorTopology
{
    public string NamespaceName { get; init; } = "sbemulatorns";

    public IReadOnlyList<QueueDefinition> Queues { get; init; } = [];

    public IReadOnlyList<TopicDefinition> Topics { get; init; } = [];
}
