namespace CloudMessaging.Web.Components.Pages.CompetingConsumers;

/// <summary>The body of <c>POST /api/work/batch</c>; the fault fields stay null unless fault injection is on.</summary>
public sealed record WorkBatchRequest(int Count, int HandlerMilliseconds, double? FailureRate, bool? Poison);

public sealed record WorkBatchAccepted(string BatchId, int Count, string FirstId, string LastId);

/// <summary>A batch's counters (<c>GET /api/work/batches/{id}</c>, and each event of its stream).</summary>
public sealed record WorkBatchStats(
    string BatchId,
    long Accepted,
    long Processed,
    long DuplicatesSuppressed,
    long DeadLettered,
    long TransientFailures,
    long ItemsApplied,
    long MaxApplicationsPerItem,
    Dictionary<string, long> ProcessedByReplica);

/// <summary>The body of <c>POST /api/work/ordered</c>.</summary>
public sealed record OrderedWorkRequest(int Keys, int ItemsPerKey, int HandlerMilliseconds);

public sealed record OrderedBatchAccepted(string BatchId, int Keys, int ItemsPerKey);

/// <summary>An ordered batch's progress (<c>GET /api/work/ordered/{id}</c>, and each event of its stream).</summary>
public sealed record OrderedBatchStats(
    string BatchId,
    int Keys,
    int ItemsPerKey,
    long Processed,
    long OrderViolations,
    int KeysCompleted,
    Dictionary<string, long> KeysByReplica);

/// <summary><c>GET /api/deadletters/work</c>: what the work queue's dead-letter queue holds (peeked).</summary>
public sealed record DeadLetterList(string Entity, int Count, IReadOnlyList<DeadLetteredItem> Messages);

public sealed record DeadLetteredItem(string MessageId, string? Reason, string? Description, int DeliveryCount, int ReplayCount);

/// <summary>The body of <c>POST /api/deadletters/work/replay</c>, and its answer.</summary>
public sealed record ReplayRequest(bool All);

public sealed record ReplayResult(string Entity, string SentTo, int Replayed, IReadOnlyList<string> ReplayedIds, IReadOnlyList<string> NotFound);
