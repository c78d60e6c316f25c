namespace CloudMessaging.Shared.CompetingConsumers;

/// <summary>Counters of the whole <c>work</c> queue (or of one batch). In flight is the sum over replicas that are running.</summary>
public sealed record WorkStats(
    long Accepted,
    long Processed,
    long DuplicatesSuppressed,
    long DeadLettered,
    long TransientFailures,
    long InFlight,
    IReadOnlyDictionary<string, long> ProcessedByReplica);

/// <summary>A batch's counters and the proof of "exactly once": how many distinct items had their effect applied, and the most times any one was.</summary>
public sealed record WorkBatchStats(
    string BatchId,
    long Accepted,
    long Processed,
    long DuplicatesSuppressed,
    long DeadLettered,
    long TransientFailures,
    long ItemsApplied,
    long MaxApplicationsPerItem,
    IReadOnlyDictionary<string, long> ProcessedByReplica);

/// <summary>
/// An ordered batch's result, read from what the workers applied: a violation is an item applied at a position
/// other than its sequence number (out of order, or twice).
/// </summary>
public sealed record OrderedBatchStats(
    string BatchId,
    int Keys,
    int ItemsPerKey,
    long Processed,
    long OrderViolations,
    int KeysCompleted,
    IReadOnlyDictionary<string, long> KeysByReplica);
