using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker.Topics;

/// <summary>What a topic itself decides; its time to live is folded into each subscription's settings.</summary>
internal sealed record TopicSettings(bool RequiresDuplicateDetection, TimeSpan DuplicateDetectionHistoryTimeWindow)
{
    public static TopicSettings From(TopicDefinition topic) =>
        new(topic.RequiresDuplicateDetection, topic.DuplicateDetectionHistoryTimeWindow);
}
