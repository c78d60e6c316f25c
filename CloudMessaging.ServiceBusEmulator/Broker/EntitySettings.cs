using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>The behaviour of one queue-like entity (queue, subscription or dead-letter sub-queue).</summary>
internal sealed record EntitySettings
{
    public TimeSpan LockDuration { get; init; } = EntityDefaults.LockDuration;

    /// <summary>int.MaxValue for dead-letter queues, which never dead-letter again.</summary>
    public int MaxDeliveryCount { get; init; } = EntityDefaults.MaxDeliveryCount;

    public TimeSpan DefaultMessageTimeToLive { get; init; } = EntityDefaults.DefaultMessageTimeToLive;

    public bool DeadLetteringOnMessageExpiration { get; init; }

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = EntityDefaults.DuplicateDetectionHistoryTimeWindow;

    public bool RequiresSession { get; init; }

    public string? ForwardTo { get; init; }

    public string? ForwardDeadLetteredMessagesTo { get; init; }

    /// <summary>Dead-letter queues keep messages until they are received: no expiry, no further dead-lettering.</summary>
    public bool IsDeadLetterQueue { get; init; }

    public static EntitySettings From(QueueDefinition queue) => new()
    {
        LockDuration = queue.LockDuration,
        MaxDeliveryCount = queue.MaxDeliveryCount,
        DefaultMessageTimeToLive = queue.DefaultMessageTimeToLive,
        DeadLetteringOnMessageExpiration = queue.DeadLetteringOnMessageExpiration,
        RequiresDuplicateDetection = queue.RequiresDuplicateDetection,
        DuplicateDetectionHistoryTimeWindow = queue.DuplicateDetectionHistoryTimeWindow,
        RequiresSession = queue.RequiresSession,
        ForwardTo = queue.ForwardTo,
        ForwardDeadLetteredMessagesTo = queue.ForwardDeadLetteredMessagesTo,
    };

    /// <summary>A subscription's own settings; messages live no longer than the topic's time to live allows either.</summary>
    public static EntitySettings From(SubscriptionDefinition subscription, TopicDefinition topic) => new()
    {
        LockDuration = subscription.LockDuration,
        MaxDeliveryCount = subscription.MaxDeliveryCount,
        DefaultMessageTimeToLive = subscription.DefaultMessageTimeToLive < topic.DefaultMessageTimeToLive
            ? subscription.DefaultMessageTimeToLive
            : topic.DefaultMessageTimeToLive,
        DeadLetteringOnMessageExpiration = subscription.DeadLetteringOnMessageExpiration,
        RequiresSession = subscription.RequiresSession,
        ForwardTo = subscription.ForwardTo,
        ForwardDeadLetteredMessagesTo = subscription.ForwardDeadLetteredMessagesTo,
    };

    public static EntitySettings DeadLetterQueueOf(EntitySettings parent) => new()
    {
        LockDuration = parent.LockDuration,
        MaxDeliveryCount = int.MaxValue,
        DefaultMessageTimeToLive = TimeSpan.MaxValue,
        IsDeadLetterQueue = true,
    };
}
