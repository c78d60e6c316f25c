using StackExchange.Redis;

namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// The Redis keys and hash fields of the priority queue's stores: one status hash per task, a "waiting" sorted set per
/// level (what sits in that queue now), counters per level and recent queue waits per level.
/// </summary>
/// <remarks>
/// Every key shares the hash tag <c>{priority}</c> so the multi-key transactions stay in one slot on a clustered
/// Redis. Transactions (WATCH/MULTI/EXEC) rather than Lua, because Garnet runs without Lua here.
/// </remarks>
internal static class TaskKeys
{
    private const string Prefix = "{priority}";

    /// <summary>
    /// Conflicts come only from other writers of the same task hash (a duplicate delivery, the escalator), so a few
    /// retries always suffice; the bound keeps a bug from spinning forever.
    /// </summary>
    public const int MaxTransactionAttempts = 20;

    public static RedisKey Task(string id) => $"{Prefix}:task:{id}";

    public static RedisKey Waiting(TaskPriority level) => $"{Prefix}:waiting:{level.Name()}";

    public static RedisKey Counters(TaskPriority level) => $"{Prefix}:counters:{level.Name()}";

    public static RedisKey Waits(TaskPriority level) => $"{Prefix}:waits:{level.Name()}";

    public static class Fields
    {
        public const string Priority = "priority";
        public const string Queue = "queue";
        public const string State = "state";
        public const string AcceptedAt = "acceptedAt";
        public const string StartedAt = "startedAt";
        public const string CompletedAt = "completedAt";
        public const string Escalations = "escalations";
        public const string Attempts = "attempts";
        public const string Effects = "effects";
        public const string HandledBy = "handledBy";
        public const string ServedBy = "servedBy";
        public const string Accepted = "accepted";
        public const string Completed = "completed";
        public const string Escalated = "escalated";
        public const string EscalationClaimedAt = "escalationClaimedAt";
        public const string EscalationClaimId = "escalationClaimId";

        /// <summary>Set once an escalated copy of the task is confirmed in <paramref name="level"/>'s queue.</summary>
        public static string CopiedTo(TaskPriority level) => $"copiedTo:{level.Name()}";
    }
}
