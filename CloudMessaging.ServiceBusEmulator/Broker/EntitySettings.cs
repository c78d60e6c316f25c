using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// The behaviour of one queue-like entity (queue, subscription or dead-letter sub-queue): the Properties of a
/// Config.json entry, with <see cref="EntityDefaults"/> for those left out. A <see cref="QueueDefinition"/> and a
/// <see cref="SubscriptionDefinition"/> are these settings with a name, so the broker runs on what was read.
/// </summary>
public record EntitySettings
{
    public TimeSpan LockDuration { get; init; } = EntityDefaults.LockDuration;

    /// <summary>int.MaxValue for dead-letter queues, which never dead-letter again.</summary>
    public int MaxDeliveryCount { get; init; } = EntityDefaults.MaxDeliveryCount;

    public TimeSpan DefaultMessageTimeToLive { get; init; } = EntityDefaults.DefaultMessageTimeToLive;

    public bool DeadLetteringOnMessageExpiration { get; init; }

    /// <summary>A queue's own; a subscription's duplicates are detected by its topic.</summary>
    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = EntityDefaults.DuplicateDetectionHistoryTimeWindow;

    public bool RequiresSession { get; init; }

    /// <summary>Entity that every message is moved to on arrival; null when not forwarding.</summary>
    public string? ForwardTo { get; init; }

    public string? ForwardDeadLetteredMessagesTo { get; init; }

    /// <summary>Dead-letter queues keep messages until they are received: no expiry, no further dead-lettering.</summary>
    internal bool IsDeadLetterQueue { get; init; }

    internal static EntitySettings DeadLetterQueueOf(EntitySettings parent) => new()
    {
        LockDuration = parent.LockDuration,
        MaxDeliveryCount = int.MaxValue,
        DefaultMessageTimeToLive = TimeSpan.MaxValue,
        IsDeadLetterQueue = true,
    };
}
