using System.Globalization;
using CloudMessaging.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// The priority queue's bookkeeping in Redis: one status hash per task, a "waiting" sorted set per level (what sits
/// in that queue now), counters per level and recent queue waits per level. It is also what makes a task's effect
/// happen once: delivery is at least once (a redelivery, or the copy left behind when an escalation's send succeeded
/// and its complete did not), so completion is a transaction that applies the effect only if the task is not
/// already completed.
/// </summary>
/// <remarks>
/// Every key shares the hash tag <c>{priority}</c> so the multi-key transactions stay in one slot on a clustered
/// Redis. Transactions (WATCH/MULTI/EXEC) rather than Lua, because Garnet runs without Lua here.
/// </remarks>
public sealed class TaskLedger(IConnectionMultiplexer redis, TimeProvider timeProvider, IOptions<PriorityQueueOptions> options)
{
    private const string Prefix = "{priority}";

    // Conflicts come only from other writers of the same task hash (a duplicate delivery, the escalator), so a few
    // retries always suffice; the bound keeps a bug from spinning forever.
    private const int MaxTransactionAttempts = 20;

    private static class Fields
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

    private readonly PriorityQueueOptions _options = options.Value;

    private static RedisKey TaskKey(string id) => $"{Prefix}:task:{id}";

    private static RedisKey WaitingKey(TaskPriority level) => $"{Prefix}:waiting:{level.Name()}";

    private static RedisKey CountersKey(TaskPriority level) => $"{Prefix}:counters:{level.Name()}";

    private static RedisKey WaitsKey(TaskPriority level) => $"{Prefix}:waits:{level.Name()}";

    /// <summary>Records tasks as queued before they are sent, so a consumer that is faster than this write finds them.</summary>
    public async Task RecordAcceptedAsync(IReadOnlyList<(string Id, TaskPriority Priority)> tasks, DateTimeOffset acceptedAt)
    {
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        var writes = new List<Task>(tasks.Count * 4);
        foreach (var (id, priority) in tasks)
        {
            var key = TaskKey(id);
            writes.Add(batch.HashSetAsync(key,
            [
                new HashEntry(Fields.Priority, priority.Name()),
                new HashEntry(Fields.Queue, priority.Name()),
                new HashEntry(Fields.State, nameof(TaskState.Queued)),
                new HashEntry(Fields.AcceptedAt, acceptedAt.ToUnixTimeMilliseconds()),
            ]));
            writes.Add(batch.KeyExpireAsync(key, _options.StatusTimeToLive));
            writes.Add(batch.SortedSetAddAsync(WaitingKey(priority), id, acceptedAt.ToUnixTimeMilliseconds()));
            writes.Add(batch.HashIncrementAsync(CountersKey(priority), Fields.Accepted));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>Undoes <see cref="RecordAcceptedAsync"/> for tasks whose send failed, so they are not reported as waiting.</summary>
    public async Task ForgetAsync(IReadOnlyList<(string Id, TaskPriority Priority)> tasks)
    {
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        var writes = new List<Task>(tasks.Count * 3);
        foreach (var (id, priority) in tasks)
        {
            writes.Add(batch.KeyDeleteAsync(TaskKey(id)));
            writes.Add(batch.SortedSetRemoveAsync(WaitingKey(priority), id));
            writes.Add(batch.HashDecrementAsync(CountersKey(priority), Fields.Accepted));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>
    /// Marks a delivery at <paramref name="servedBy"/> as started: the task leaves every waiting set and the delivery
    /// counts as an attempt. Changes nothing when the task already completed, or when it was escalated and its copy
    /// sits one level up (this delivery is the original left behind); the outcome says which.
    /// </summary>
    public async Task<TaskStartOutcome> TryStartAsync(string id, TaskPriority servedBy, string replica, DateTimeOffset startedAt)
    {
        var database = redis.GetDatabase();
        var key = TaskKey(id);
        var hasNextUp = servedBy.TryGetNextUp(out var nextUp);
        for (var attempt = 0; attempt < MaxTransactionAttempts; attempt++)
        {
            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.HashNotEqual(key, Fields.State, nameof(TaskState.Completed)));
            if (hasNextUp)
            {
                transaction.AddCondition(Condition.HashNotExists(key, Fields.CopiedTo(nextUp)));
            }

            _ = transaction.HashSetAsync(key,
            [
                new HashEntry(Fields.State, nameof(TaskState.Processing)),
                new HashEntry(Fields.Queue, servedBy.Name()),
                new HashEntry(Fields.StartedAt, startedAt.ToUnixTimeMilliseconds()),
                new HashEntry(Fields.HandledBy, replica),
            ]);
            _ = transaction.HashIncrementAsync(key, Fields.Attempts);
            _ = transaction.KeyExpireAsync(key, _options.StatusTimeToLive);
            foreach (var level in TaskPriorities.All)
            {
                _ = transaction.SortedSetRemoveAsync(WaitingKey(level), id);
            }

            if (await transaction.ExecuteAsync())
            {
                return TaskStartOutcome.Started;
            }

            var fields = await database.HashGetAsync(key, [Fields.State, hasNextUp ? Fields.CopiedTo(nextUp) : Fields.State]);
            if (fields[0] == nameof(TaskState.Completed))
            {
                return TaskStartOutcome.AlreadyCompleted;
            }

            if (hasNextUp && fields[1].HasValue)
            {
                return TaskStartOutcome.EscalatedAway;
            }
        }

        throw new InvalidOperationException($"Task {id}: its status kept changing under {MaxTransactionAttempts} transaction attempts.");
    }

    /// <summary>
    /// Applies the task's effect and marks it completed, atomically and only once per task id: returns false when
    /// another delivery of the same task got there first. The effect here is the result write itself (the
    /// <c>effects</c> counter a test can read back); a real handler would write its outcome in the same transaction
    /// or key it by task id.
    /// </summary>
    public Task<bool> CompleteOnceAsync(string id, TaskPriority priority, TaskPriority servedBy, string replica, DateTimeOffset acceptedAt, DateTimeOffset startedAt)
    {
        var completedAt = timeProvider.GetUtcNow();
        var waitMilliseconds = Math.Max(0, (long)(startedAt - acceptedAt).TotalMilliseconds);
        var windowStart = (completedAt - _options.StatsWindow).ToUnixTimeMilliseconds();
        return UnlessCompletedAsync(id, (transaction, key) =>
        {
            _ = transaction.HashSetAsync(key,
            [
                new HashEntry(Fields.State, nameof(TaskState.Completed)),
                new HashEntry(Fields.CompletedAt, completedAt.ToUnixTimeMilliseconds()),
                new HashEntry(Fields.StartedAt, startedAt.ToUnixTimeMilliseconds()),
                new HashEntry(Fields.HandledBy, replica),
                new HashEntry(Fields.ServedBy, servedBy.Name()),
            ]);
            _ = transaction.HashIncrementAsync(key, Fields.Effects);
            _ = transaction.KeyExpireAsync(key, _options.StatusTimeToLive);
            _ = transaction.HashIncrementAsync(CountersKey(priority), Fields.Completed);
            _ = transaction.SortedSetAddAsync(WaitsKey(priority), $"{id}:{waitMilliseconds}", startedAt.ToUnixTimeMilliseconds());
            _ = transaction.SortedSetRemoveRangeByScoreAsync(WaitsKey(priority), double.NegativeInfinity, windowStart, Exclude.Stop);
        });
    }

    /// <summary>
    /// Of <paramref name="ids"/> (in order), the candidates for escalation from <paramref name="from"/> to
    /// <paramref name="to"/>: tasks queued and not started at <paramref name="from"/>, and tasks whose claim to move
    /// up was abandoned (older than <see cref="PriorityQueueOptions.EscalationClaimTimeout"/> with no copy confirmed:
    /// its escalator died between claim and send). One pipelined read, so an escalator can walk past the originals of
    /// tasks already moved up (or started, or completed) without a transaction each.
    /// </summary>
    public async Task<IReadOnlyList<string>> WhichCanEscalateAsync(IReadOnlyList<string> ids, TaskPriority from, TaskPriority to)
    {
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAsync(TaskKey(id), ClaimFields(to))).ToList();
        batch.Execute();
        var fields = await Task.WhenAll(reads);
        var now = timeProvider.GetUtcNow();
        return [.. ids.Where((_, i) => ClaimView.From(fields[i]) is var view && (view.IsQueuedAt(from) || view.IsAbandonedClaimAt(to, now, _options.EscalationClaimTimeout)))];
    }

    /// <summary>
    /// Claims a task's escalation from <paramref name="from"/> to <paramref name="to"/>: the task's bookkeeping moves
    /// one level up. Conditional on the task still being queued at <paramref name="from"/>, so of the escalators of
    /// all replicas exactly one wins, and a task that started meanwhile stays where it is. A claim whose copy was
    /// never confirmed within <see cref="PriorityQueueOptions.EscalationClaimTimeout"/> (its escalator died) may be
    /// taken over, again by exactly one escalator. Returns the claim when this caller won and must now send the copy
    /// (then <see cref="ConfirmEscalationCopyAsync"/>, or <see cref="ReleaseEscalationAsync"/> if the send failed);
    /// null otherwise. A task with no record (sent around the API) is never claimed.
    /// </summary>
    public async Task<EscalationClaim?> TryClaimEscalationAsync(string id, TaskPriority from, TaskPriority to)
    {
        var database = redis.GetDatabase();
        var key = TaskKey(id);
        // The conditions watch only the task's own hash (not the busy waiting set, which every acceptance and start
        // of the level writes); an aborted transaction is retried as long as the task can still be claimed.
        for (var attempt = 0; attempt < MaxTransactionAttempts; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var view = ClaimView.From(await database.HashGetAsync(key, ClaimFields(to)));
            var claim = new EscalationClaim(id, from, to, Guid.NewGuid().ToString("N"));
            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.HashEqual(key, Fields.State, nameof(TaskState.Queued)));
            if (view.IsQueuedAt(from))
            {
                transaction.AddCondition(Condition.HashEqual(key, Fields.Queue, from.Name()));
                _ = transaction.SortedSetRemoveAsync(WaitingKey(from), id);
                _ = transaction.SortedSetAddAsync(WaitingKey(to), id, now.ToUnixTimeMilliseconds());
                _ = transaction.HashIncrementAsync(CountersKey(from), Fields.Escalated);
                _ = transaction.HashIncrementAsync(key, Fields.Escalations);
                _ = transaction.HashSetAsync(key, Fields.Queue, to.Name());
            }
            else if (view.IsAbandonedClaimAt(to, now, _options.EscalationClaimTimeout))
            {
                // The bookkeeping already shows the task one level up; only the claim changes hands.
                transaction.AddCondition(Condition.HashEqual(key, Fields.Queue, to.Name()));
                transaction.AddCondition(Condition.HashNotExists(key, Fields.CopiedTo(to)));
                transaction.AddCondition(Condition.HashEqual(key, Fields.EscalationClaimId, view.ClaimId));
            }
            else
            {
                return null;
            }

            _ = transaction.HashSetAsync(key,
            [
                new HashEntry(Fields.EscalationClaimedAt, now.ToUnixTimeMilliseconds()),
                new HashEntry(Fields.EscalationClaimId, claim.ClaimId),
            ]);
            if (await transaction.ExecuteAsync())
            {
                return claim;
            }
        }

        return null;
    }

    /// <summary>
    /// Records that the escalated copy is in <paramref name="to"/>'s queue. From now on a delivery of the original
    /// below is completed without work; before it (the copy not sent yet, or never sent because the escalator
    /// died), the original is still served where it is, so a claimed task is never lost.
    /// </summary>
    public async Task ConfirmEscalationCopyAsync(string id, TaskPriority to) =>
        await redis.GetDatabase().HashSetAsync(TaskKey(id), Fields.CopiedTo(to), timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// Undoes <see cref="TryClaimEscalationAsync"/> when the copy could not be sent, so the task is reported waiting
    /// where it really is and can be escalated again. Conditional on the claim being unchanged (still this claim, still
    /// queued at the upper level, no copy confirmed); otherwise it leaves the task alone. An EXEC aborted for no reason
    /// of the task's (Garnet watches by hash bucket) is retried, so the undo is not silently lost.
    /// </summary>
    public async Task ReleaseEscalationAsync(EscalationClaim claim)
    {
        var database = redis.GetDatabase();
        var key = TaskKey(claim.Id);
        var acceptedAt = await database.HashGetAsync(key, Fields.AcceptedAt);
        var waitingSince = acceptedAt.HasValue ? (double)acceptedAt : timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await WriteOnceTransaction.TryCommitAsync(
            database,
            transaction =>
            {
                transaction.AddCondition(Condition.HashEqual(key, Fields.State, nameof(TaskState.Queued)));
                transaction.AddCondition(Condition.HashEqual(key, Fields.Queue, claim.To.Name()));
                transaction.AddCondition(Condition.HashNotExists(key, Fields.CopiedTo(claim.To)));
                transaction.AddCondition(Condition.HashEqual(key, Fields.EscalationClaimId, claim.ClaimId));
                _ = transaction.SortedSetRemoveAsync(WaitingKey(claim.To), claim.Id);
                _ = transaction.SortedSetAddAsync(WaitingKey(claim.From), claim.Id, waitingSince);
                _ = transaction.HashDecrementAsync(CountersKey(claim.From), Fields.Escalated);
                _ = transaction.HashDecrementAsync(key, Fields.Escalations);
                _ = transaction.HashSetAsync(key, Fields.Queue, claim.From.Name());
                _ = transaction.HashDeleteAsync(key, [Fields.EscalationClaimedAt, Fields.EscalationClaimId]);
            },
            // Nothing to undo once the claim is no longer this one as it was (the task started, a copy was confirmed,
            // or the claim expired and was taken over).
            alreadyWritten: async () => !ClaimView.From(await database.HashGetAsync(key, ClaimFields(claim.To))).IsHeld(claim),
            MaxTransactionAttempts,
            $"Task {claim.Id}: releasing its escalation claim");
    }

    private static RedisValue[] ClaimFields(TaskPriority to) =>
        [Fields.State, Fields.Queue, Fields.CopiedTo(to), Fields.EscalationClaimedAt, Fields.EscalationClaimId];

    /// <summary>The fields of a task hash that decide whether it may be claimed, read with <see cref="ClaimFields"/>.</summary>
    private readonly record struct ClaimView(RedisValue State, RedisValue Queue, RedisValue CopiedTo, RedisValue ClaimedAt, RedisValue ClaimId)
    {
        public static ClaimView From(RedisValue[] fields) => new(fields[0], fields[1], fields[2], fields[3], fields[4]);

        public bool IsQueuedAt(TaskPriority level) => State == nameof(TaskState.Queued) && Queue == level.Name();

        /// <summary>Claimed up to <paramref name="to"/> long enough ago that its escalator must have died before sending.</summary>
        public bool IsAbandonedClaimAt(TaskPriority to, DateTimeOffset now, TimeSpan timeout) =>
            IsQueuedAt(to) && CopiedTo.IsNull && ClaimId.HasValue && ClaimedAt.TryParse(out long claimedAt) &&
            now - DateTimeOffset.FromUnixTimeMilliseconds(claimedAt) >= timeout;

        public bool IsHeld(EscalationClaim claim) => IsQueuedAt(claim.To) && CopiedTo.IsNull && ClaimId == claim.ClaimId;
    }

    public async Task<TaskStatusRecord?> GetAsync(string id)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(TaskKey(id));
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        string? Text(string name) => fields.TryGetValue(name, out var value) ? value : null;
        int Count(string name) => Text(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        DateTimeOffset? Time(string name) => Text(name) is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(value, CultureInfo.InvariantCulture)) : null;
        TaskPriority? Level(string name) => TaskPriorities.TryParse(Text(name), out var level) ? level : null;

        var priority = Level(Fields.Priority) ?? TaskPriority.Normal;
        return new TaskStatusRecord(
            id,
            priority,
            Level(Fields.Queue) ?? priority,
            Enum.TryParse<TaskState>(Text(Fields.State), out var state) ? state : TaskState.Queued,
            Time(Fields.AcceptedAt) ?? DateTimeOffset.UnixEpoch,
            Time(Fields.StartedAt),
            Time(Fields.CompletedAt),
            Count(Fields.Escalations),
            Count(Fields.Attempts),
            Count(Fields.Effects),
            Text(Fields.HandledBy),
            Level(Fields.ServedBy));
    }

    public async Task<TaskLevelSnapshot> ReadLevelAsync(TaskPriority level)
    {
        var database = redis.GetDatabase();
        var now = timeProvider.GetUtcNow();
        var counters = database.HashGetAllAsync(CountersKey(level));
        var waiting = database.SortedSetLengthAsync(WaitingKey(level));
        var oldest = database.SortedSetRangeByRankWithScoresAsync(WaitingKey(level), 0, 0);
        var waits = database.SortedSetRangeByScoreAsync(WaitsKey(level), (now - _options.StatsWindow).ToUnixTimeMilliseconds(), double.PositiveInfinity);
        await Task.WhenAll(counters, waiting, oldest, waits);

        var values = (await counters).ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);
        long Counter(string name) => values.TryGetValue(name, out var value) ? value : 0;
        var oldestEntry = (await oldest).FirstOrDefault();
        return new TaskLevelSnapshot(
            level,
            Counter(Fields.Accepted),
            Counter(Fields.Completed),
            Counter(Fields.Escalated),
            await waiting,
            oldestEntry.Element.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)oldestEntry.Score),
            [.. (await waits).Select(member => long.Parse(member.ToString().AsSpan()[(member.ToString().LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))]);
    }

    private async Task<bool> UnlessCompletedAsync(string id, Action<ITransaction, RedisKey> write)
    {
        var database = redis.GetDatabase();
        var key = TaskKey(id);
        for (var attempt = 0; attempt < MaxTransactionAttempts; attempt++)
        {
            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.HashNotEqual(key, Fields.State, nameof(TaskState.Completed)));
            write(transaction, key);
            if (await transaction.ExecuteAsync())
            {
                return true;
            }

            if (await database.HashGetAsync(key, Fields.State) == nameof(TaskState.Completed))
            {
                return false;
            }
        }

        throw new InvalidOperationException($"Task {id}: its status kept changing under {MaxTransactionAttempts} transaction attempts.");
    }
}
