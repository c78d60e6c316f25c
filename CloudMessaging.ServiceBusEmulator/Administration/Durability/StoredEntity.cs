using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Administration.Durability;

/// <summary>
/// What the data directory keeps of an entity the administration API created, changed or deleted: its settings
/// (a topic uses the time to live and duplicate detection of them), status and metadata.
/// </summary>
internal sealed record StoredEntity
{
    public const string QueueKind = "queue";
    public const string TopicKind = "topic";
    public const string SubscriptionKind = "subscription";
    public const string DeletedKind = "deleted";

    public required string Kind { get; init; }

    public EntitySettings Settings { get; init; } = new();

    public int MaxSizeInMegabytes { get; init; } = EntityDefaults.MaxSizeInMegabytes;

    /// <summary>A subscription's rules when it was last defined (<see cref="RuleSetCodec"/>); later rule changes are kept beside it.</summary>
    public string? Rules { get; init; }

    public EntityStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? UserMetadata { get; init; }

    public bool EnableBatchedOperations { get; init; } = true;

    public TimeSpan AutoDeleteOnIdle { get; init; } = TimeSpan.MaxValue;

    public static StoredEntity Deleted { get; } = new() { Kind = DeletedKind };

    public static StoredEntity OfQueue(QueueDefinition queue, EntityStatus status, EntityMetadata metadata) =>
        new StoredEntity { Kind = QueueKind, Settings = queue, MaxSizeInMegabytes = queue.MaxSizeInMegabytes }.With(status, metadata);

    public static StoredEntity OfSubscription(SubscriptionDefinition subscription, IReadOnlyList<RuleDefinition> rules, EntityStatus status, EntityMetadata metadata) =>
        new StoredEntity { Kind = SubscriptionKind, Settings = subscription, Rules = RuleSetCodec.Encode(rules) }.With(status, metadata);

    public static StoredEntity OfTopic(TopicDefinition topic, EntityStatus status, EntityMetadata metadata) => new StoredEntity
    {
        Kind = TopicKind,
        Settings = new EntitySettings
        {
            DefaultMessageTimeToLive = topic.DefaultMessageTimeToLive,
            RequiresDuplicateDetection = topic.RequiresDuplicateDetection,
            DuplicateDetectionHistoryTimeWindow = topic.DuplicateDetectionHistoryTimeWindow,
        },
        MaxSizeInMegabytes = topic.MaxSizeInMegabytes,
    }.With(status, metadata);

    public QueueDefinition ToQueue(string name) => new(Settings) { Name = name, MaxSizeInMegabytes = MaxSizeInMegabytes };

    public TopicDefinition ToTopic(string name, IReadOnlyList<SubscriptionDefinition> subscriptions) => new()
    {
        Name = name,
        DefaultMessageTimeToLive = Settings.DefaultMessageTimeToLive,
        RequiresDuplicateDetection = Settings.RequiresDuplicateDetection,
        DuplicateDetectionHistoryTimeWindow = Settings.DuplicateDetectionHistoryTimeWindow,
        MaxSizeInMegabytes = MaxSizeInMegabytes,
        Subscriptions = subscriptions,
    };

    public SubscriptionDefinition ToSubscription(string name) =>
        new(Settings) { Name = name, Rules = Rules is null ? [] : RuleSetCodec.Decode(Rules) };

    public EntityMetadata ToMetadata() => new()
    {
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        UserMetadata = UserMetadata,
        EnableBatchedOperations = EnableBatchedOperations,
        AutoDeleteOnIdle = AutoDeleteOnIdle,
    };

    private StoredEntity With(EntityStatus status, EntityMetadata metadata) => this with
    {
        Status = status,
        CreatedAt = metadata.CreatedAt,
        UpdatedAt = metadata.UpdatedAt,
        UserMetadata = metadata.UserMetadata,
        EnableBatchedOperations = metadata.EnableBatchedOperations,
        AutoDeleteOnIdle = metadata.AutoDeleteOnIdle,
    };
}
