namespace CloudMessaging.Shared.CompetingConsumers;

/// <summary>
/// The Redis keys of <see cref="WorkStore"/>: counters the API and every replica update, and what the workers
/// record per batch so a caller can check that every item was applied exactly once.
/// </summary>
internal static class WorkKeys
{
    /// <summary>Counters of the whole queue: <see cref="Accepted"/>, <see cref="Processed"/> and so on.</summary>
    public const string Stats = "work:stats";

    /// <summary>Items processed, per replica name.</summary>
    public const string ProcessedByReplica = "work:stats:replicas";

    /// <summary>Items a replica holds right now, per replica name.</summary>
    public const string InFlightByReplica = "work:stats:inflight";

    public const string Accepted = "accepted";

    public const string Processed = "processed";

    public const string DuplicatesSuppressed = "duplicatesSuppressed";

    public const string DeadLettered = "deadLettered";

    public const string TransientFailures = "transientFailures";

    public static readonly TimeSpan BatchRetention = TimeSpan.FromDays(1);

    /// <summary>Counters of one batch (same fields as <see cref="Stats"/>).</summary>
    public static string Batch(string batchId) => $"work:batch:{batchId}";

    /// <summary>Items of one batch processed, per replica name.</summary>
    public static string BatchReplicas(string batchId) => $"work:batch:{batchId}:replicas";

    /// <summary>How many times each item's effect was applied (must be exactly 1).</summary>
    public static string BatchEffects(string batchId) => $"work:batch:{batchId}:effects";

    /// <summary>The shape of an ordered batch (<see cref="OrderedKeysField"/>, <see cref="OrderedItemsPerKeyField"/>).</summary>
    public static string OrderedBatch(string batchId) => $"work:ordered-batch:{batchId}";

    public const string OrderedKeysField = "keys";

    public const string OrderedItemsPerKeyField = "itemsPerKey";

    /// <summary>The sequence numbers of one key of an ordered batch, in the order they were applied.</summary>
    public static string OrderedKey(string sessionId) => $"work:ordered:{sessionId}";

    /// <summary>Which replicas processed a key of an ordered batch.</summary>
    public static string OrderedKeyReplicas(string sessionId) => $"work:ordered:{sessionId}:replicas";
}
