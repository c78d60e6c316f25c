using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Administration.Durability;

/// <summary>
/// What the data directory keeps of an entity the administration API created, changed or deleted: its settings,
/// status and metadata, flat, so the stored JSON does not follow the shape of the configuration types.
/// </summary>
internal sealed record StoredEntity
{
    public const string QueueKind = "queue";
    public const string TopicKind = "topic";
    public const string SubscriptionKind = "subscription";
    public const string DeletedKind = "deleted";

    public required string Kind { get; init; }

    public EntityStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? UserMetadata { get; init; }

    public bool EnableBatchedOperations { get; init; } = true;

    public TimeSpan AutoDeleteOnIdle { get; init; } = TimeSpan.MaxValue;

    public TimeSpan LockDuration { get; init; } = EntityDefaults.LockDuration;

    public int MaxDeliveryCount { get; init; } = EntityDefaults.MaxDeliveryCount;

    public TimeSpan DefaultMessageTimeToLive { get; init; } = EntityDefaults.DefaultMessageTimeToLive;

    public bool DeadLetteringOnMessageExpiration { get; init; }

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = EntityDefaults.DuplicateDetectionHistoryTimeWindow;

    public bool RequiresSession { get; init; }

    public string? ForwardTo { get; init; }

    public string? ForwardDeadLetteredMessagesTo { get; init; }

    public int MaxSizeInMegabytes { get; init; } = EntityDefaults.MaxSizeInMegabytes;

    /// <summary>A subscription's rules when it was last defined (<see cref="RuleSetCodec"/>); later rule changes are kept beside it.</summary>
    public string? Rules { get; init; }

    public static StoredEntity Deleted { get; } = new() { Kind = DeletedKind };

    public EntityMetadata ToMetadata() => new()
    {
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        UserMetadata = UserMetadata,
        EnableBatchedOperations = EnableBatchedOperations,
        AutoDeleteOnIdle = AutoDeleteOnIdle,
    };

    public static StoredEntity OfQueue(QueueDefinition queue, EntityStatus status, EntityMetadata metadata) =>
        With(QueueKind, queue, status, metadata) with { MaxSizeInMegabytes = queue.MaxSizeInMegabytes };

    public static StoredEntity OfSubscription(SubscriptionDefinition subscription, IReadOnlyList<RuleDefinition> rules, EntityStatus status, EntityMetadata metadata) =>
        With(SubscriptionKind, subscription, status, metadata) with { Rules = RuleSetCodec.Encode(rules) };

    public static StoredEntity OfTopic(TopicDefinition topic, EntityStatus status, EntityMetadata metadata) => new StoredEntity
    {
        Kind = TopicKind,
        DefaultMessageTimeToLive = topic.DefaultMessageTimeToLive,
        RequiresDuplicateDetection = topic.RequiresDuplicateDetection,
        DuplicateDetectionHistoryTimeWindow = topic.DuplicateDetectionHistoryTimeWindow,
        MaxSizeInMegabytes = topic.MaxSizeInMegabytes,
    }.WithState(status, metadata);

    public QueueDefinition ToQueue(string name) => new(Settings()) { Name = name, MaxSizeInMegabytes = MaxSizeInMegabytes };

    public TopicDefinition ToTopic(string name, IReadOnlyList<SubscriptionDefinition> subscriptions) => new()
    {
        Name = name,
        DefaultMessageTimeToLive = DefaultMessageTimeToLive,
        RequiresDuplicateDetection = RequiresDuplicateDetection,
        DuplicateDetectionHistoryTimeWindow = DuplicateDetectionHistoryTimeWindow,
        MaxSizeInMegabytes = MaxSizeInMegabytes,
        Subscriptions = subscriptions,
    };

    public SubscriptionDefinition ToSubscription(string name) =>
        new(Settings()) { Name = name, Rules = Rules is null ? [] : RuleSetCodec.Decode(Rules) };

    private static StoredEntity With(string kind, EntitySettings settings, EntityStatus status, EntityMetadata metadata) => new StoredEntity
    {
        Kind = kind,
        LockDuration = settings.LockDuration,
        MaxDeliveryCount = settings.MaxDeliveryCount,
        DefaultMessageTimeToLive = settings.DefaultMessageTimeToLive,
        DeadLetteringOnMessageExpiration = settings.DeadLetteringOnMessageExpiration,
        RequiresDuplicateDetection = settings.RequiresDuplicateDetection,
        DuplicateDetectionHistoryTimeWindow = settings.DuplicateDetectionHistoryTimeWindow,
        RequiresSession = settings.RequiresSession,
        ForwardTo = settings.ForwardTo,
        ForwardDeadLetteredMessagesTo = settings.ForwardDeadLetteredMessagesTo,
    }.WithState(status, metadata);

    private StoredEntity WithState(EntityStatus status, EntityMetadata metadata) => this with
    {
        Status = status,
        CreatedAt = metadata.CreatedAt,
        UpdatedAt = metadata.UpdatedAt,
        UserMetadata = metadata.UserMetadata,
        EnableBatchedOperations = metadata.EnableBatchedOperations,
        AutoDeleteOnIdle = metadata.AutoDeleteOnIdle,
    };

    private EntitySettings Settings() => new()
    {
        LockDuration = LockDuration,
        MaxDeliveryCount = MaxDeliveryCount,
        DefaultMessageTimeToLive = DefaultMessageTimeToLive,
        DeadLetteringOnMessageExpiration = DeadLetteringOnMessageExpiration,
        RequiresDuplicateDetection = RequiresDuplicateDetection,
        DuplicateDetectionHistoryTimeWindow = DuplicateDetectionHistoryTimeWindow,
        RequiresSession = RequiresSession,
        ForwardTo = ForwardTo,
        ForwardDeadLetteredMessagesTo = ForwardDeadLetteredMessagesTo,
    };
}
