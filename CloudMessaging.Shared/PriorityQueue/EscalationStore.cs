using CloudMessaging.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// The escalation-claim protocol on a task's status hash (keys in <see cref="TaskKeys"/>): which tasks may move up a
/// level, the claim that lets exactly one escalator of all replicas move one, and its confirmation or release.
/// </summary>
public sealed class EscalationStore(IConnectionMultiplexer redis, TimeProvider timeProvider, IOptions<PriorityQueueOptions> options)
{
    private readonly PriorityQueueOptions _options = options.Value;

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
        var reads = ids.Select(id => batch.HashGetAsync(TaskKeys.Task(id), ClaimFields(to))).ToList();
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
    public Task<EscalationClaim?> TryClaimEscalationAsync(string id, TaskPriority from, TaskPriority to)
    {
        var database = redis.GetDatabase();
        var key = TaskKeys.Task(id);
        // The conditions watch only the task's own hash (not the busy waiting set, which every acceptance and start
        // of the level writes); an aborted transaction is retried as long as the task can still be claimed.
        return RedisTransactionRetry.RunAsync<EscalationClaim?>(
            database,
            TaskKeys.MaxTransactionAttempts,
            async transaction =>
            {
                var now = timeProvider.GetUtcNow();
                var view = ClaimView.From(await database.HashGetAsync(key, ClaimFields(to)));
                var claim = new EscalationClaim(id, from, to, Guid.NewGuid().ToString("N"));
                transaction.AddCondition(Condition.HashEqual(key, TaskKeys.Fields.State, nameof(TaskState.Queued)));
                if (view.IsQueuedAt(from))
                {
                    transaction.AddCondition(Condition.HashEqual(key, TaskKeys.Fields.Queue, from.Name()));
                    _ = transaction.SortedSetRemoveAsync(TaskKeys.Waiting(from), id);
                    _ = transaction.SortedSetAddAsync(TaskKeys.Waiting(to), id, now.ToUnixTimeMilliseconds());
                    _ = transaction.HashIncrementAsync(TaskKeys.Counters(from), TaskKeys.Fields.Escalated);
                    _ = transaction.HashIncrementAsync(key, TaskKeys.Fields.Escalations);
                    _ = transaction.HashSetAsync(key, TaskKeys.Fields.Queue, to.Name());
                }
                else if (view.IsAbandonedClaimAt(to, now, _options.EscalationClaimTimeout))
                {
                    // The bookkeeping already shows the task one level up; only the claim changes hands.
                    transaction.AddCondition(Condition.HashEqual(key, TaskKeys.Fields.Queue, to.Name()));
                    transaction.AddCondition(Condition.HashNotExists(key, TaskKeys.Fields.CopiedTo(to)));
                    transaction.AddCondition(Condition.HashEqual(key, TaskKeys.Fields.EscalationClaimId, view.ClaimId));
                }
                else
                {
                    return TransactionStep<EscalationClaim?>.Decided(null);
                }

                _ = transaction.HashSetAsync(key,
                [
                    new HashEntry(TaskKeys.Fields.EscalationClaimedAt, now.ToUnixTimeMilliseconds()),
                    new HashEntry(TaskKeys.Fields.EscalationClaimId, claim.ClaimId),
                ]);
                return TransactionStep<EscalationClaim?>.Execute(claim);
            },
            _ => Task.FromResult(TransactionStep<EscalationClaim?>.Retry),
            whenExhausted: () => null);
    }

    /// <summary>
    /// Records that the escalated copy is in <paramref name="to"/>'s queue. From now on a delivery of the original
    /// below is completed without work; before it (the copy not sent yet, or never sent because the escalator
    /// died), the original is still served where it is, so a claimed task is never lost.
    /// </summary>
    public async Task ConfirmEscalationCopyAsync(string id, TaskPriority to) =>
        await redis.GetDatabase().HashSetAsync(TaskKeys.Task(id), TaskKeys.Fields.CopiedTo(to), timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// Undoes <see cref="TryClaimEscalationAsync"/> when the copy could not be sent, so the task is reported waiting
    /// where it really is and can be escalated again. Conditional on the claim being unchanged (still this claim, still
    /// queued at the upper level, no copy confirmed); otherwise it leaves the task alone. An EXEC aborted for no reason
    /// of the task's (Garnet watches by hash bucket) is retried, so the undo is not silently lost.
    /// </summary>
    public async Task ReleaseEscalationAsync(EscalationClaim claim)
    {
        var database = redis.GetDatabase();
        var key = TaskKeys.Task(claim.Id);
        var acceptedAt = await database.HashGetAsync(key, TaskKeys.Fields.AcceptedAt);
        var waitingSince = acceptedAt.HasValue ? (double)acceptedAt : timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await RedisTransactionRetry.WriteOnceAsync(
            database,
            transaction =>
            {
                transaction.AddCondition(Condition.HashEqual(key, TaskKeys.Fields.State, nameof(TaskState.Queued)));
                transaction.AddCondition(Condition.HashEqual(key, TaskKeys.Fields.Queue, claim.To.Name()));
                transaction.AddCondition(Condition.HashNotExists(key, TaskKeys.Fields.CopiedTo(claim.To)));
                transaction.AddCondition(Condition.HashEqual(key, TaskKeys.Fields.EscalationClaimId, claim.ClaimId));
                _ = transaction.SortedSetRemoveAsync(TaskKeys.Waiting(claim.To), claim.Id);
                _ = transaction.SortedSetAddAsync(TaskKeys.Waiting(claim.From), claim.Id, waitingSince);
                _ = transaction.HashDecrementAsync(TaskKeys.Counters(claim.From), TaskKeys.Fields.Escalated);
                _ = transaction.HashDecrementAsync(key, TaskKeys.Fields.Escalations);
                _ = transaction.HashSetAsync(key, TaskKeys.Fields.Queue, claim.From.Name());
                _ = transaction.HashDeleteAsync(key, [TaskKeys.Fields.EscalationClaimedAt, TaskKeys.Fields.EscalationClaimId]);
            },
            // Nothing to undo once the claim is no longer this one as it was (the task started, a copy was confirmed,
            // or the claim expired and was taken over).
            alreadyWritten: async () => !ClaimView.From(await database.HashGetAsync(key, ClaimFields(claim.To))).IsHeld(claim),
            TaskKeys.MaxTransactionAttempts,
            $"Task {claim.Id}: releasing its escalation claim");
    }

    private static RedisValue[] ClaimFields(TaskPriority to) =>
        [TaskKeys.Fields.State, TaskKeys.Fields.Queue, TaskKeys.Fields.CopiedTo(to), TaskKeys.Fields.EscalationClaimedAt, TaskKeys.Fields.EscalationClaimId];

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
}
