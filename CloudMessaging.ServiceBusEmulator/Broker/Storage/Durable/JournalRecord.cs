namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>One change queued for the next group commit. Built under the entity lock from immutable values.</summary>
internal abstract record JournalRecord;

/// <summary>An entity got its storage id. Entities from Config.json leave the definition column null.</summary>
internal sealed record EntityRegistered(int EntityId, string Name) : JournalRecord;

/// <summary>The administration API created or changed the entity: its definition (JSON) goes in the definition column.</summary>
internal sealed record EntityDefined(int EntityId, string Definition) : JournalRecord;

/// <summary>
/// The entity was deleted: its messages, session states, duplicate ids, schedules and rules go, its sequence
/// restarts, and the definition column takes <paramref name="Tombstone"/> (null for a dead-letter queue).
/// </summary>
internal sealed record EntityDeleted(int EntityId, string? Tombstone) : JournalRecord;

/// <summary>A message row written whole: <paramref name="IsNew"/> when it was just stored (no row exists yet).</summary>
internal sealed record MessagePut(long Key, MessageRow Row, bool IsNew) : JournalRecord;

internal sealed record MessageDeleted(long Key) : JournalRecord;

/// <summary>A lock raised the delivery count: kept in a small side row, so a receive does not rewrite the message.</summary>
internal sealed record MessageLocked(long Key, int DeliveryCount) : JournalRecord;

/// <summary>Null state deletes the session's row.</summary>
internal sealed record SessionStateSet(int EntityId, string SessionId, byte[]? State) : JournalRecord;

internal sealed record SequenceAdvanced(int EntityId, long LastSequenceNumber) : JournalRecord;

internal sealed record DuplicateSeen(int EntityId, string MessageId, long SeenAtTicks, long ForgetAtTicks) : JournalRecord;

internal sealed record TopicScheduleRecorded(int EntityId, long SequenceNumber, long AtTicks, string Copies) : JournalRecord;

internal sealed record TopicScheduleForgotten(int EntityId, long SequenceNumber) : JournalRecord;

internal sealed record RulesReplaced(int EntityId, string Definitions) : JournalRecord;

/// <summary>Everything of a message that survives a restart; times are UTC ticks, long.MaxValue for never.</summary>
internal sealed record MessageRow(
    long SequenceNumber,
    MessageState State,
    long EnqueuedTicks,
    long ExpiresTicks,
    long ScheduledTicks,
    int DeliveryCount,
    bool Locked,
    long OriginalSequenceNumber,
    string? DeadLetterSource,
    byte[]? PropertyOverrides,
    byte[] Body);
