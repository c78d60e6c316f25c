using CloudMessaging.Shared.CompetingConsumers;
using CloudMessaging.Shared.Hosting;
using StackExchange.Redis;

namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>What a replica writes to Redis about the items it handles: the effect itself, and the counters behind <c>GET /api/work/stats</c>.</summary>
public sealed class WorkLedger(IConnectionMultiplexer redis, ReplicaIdentity replica)
{
    private IDatabase Database => redis.GetDatabase();

    /// <summary>The effect of an item on <c>work</c>, queued on the idempotency transaction so it commits exactly once.</summary>
    public void QueueProcessed(ITransaction transaction, string messageId, WorkItem item)
    {
        _ = transaction.HashIncrementAsync(WorkKeys.Stats, WorkKeys.Processed);
        _ = transaction.HashIncrementAsync(WorkKeys.ProcessedByReplica, replica.Name);
        if (item.BatchId is { } batchId)
        {
            _ = transaction.HashIncrementAsync(WorkKeys.Batch(batchId), WorkKeys.Processed);
            _ = transaction.HashIncrementAsync(WorkKeys.BatchReplicas(batchId), replica.Name);
            _ = transaction.HashIncrementAsync(WorkKeys.BatchEffects(batchId), messageId);
            _ = transaction.KeyExpireAsync(WorkKeys.BatchReplicas(batchId), WorkKeys.BatchRetention);
            _ = transaction.KeyExpireAsync(WorkKeys.BatchEffects(batchId), WorkKeys.BatchRetention);
        }
    }

    /// <summary>The effect of an item on <c>work-ordered</c>: its sequence number appended to its key's list.</summary>
    public void QueueOrderedProcessed(ITransaction transaction, string sessionId, WorkItem item)
    {
        _ = transaction.HashIncrementAsync(WorkKeys.Stats, WorkKeys.Processed);
        _ = transaction.HashIncrementAsync(WorkKeys.ProcessedByReplica, replica.Name);
        _ = transaction.ListRightPushAsync(WorkKeys.OrderedKey(sessionId), item.Sequence);
        _ = transaction.SetAddAsync(WorkKeys.OrderedKeyReplicas(sessionId), replica.Name);
        _ = transaction.KeyExpireAsync(WorkKeys.OrderedKey(sessionId), WorkKeys.BatchRetention);
        _ = transaction.KeyExpireAsync(WorkKeys.OrderedKeyReplicas(sessionId), WorkKeys.BatchRetention);
    }

    public Task DuplicateSuppressedAsync(WorkItem? item) => CountAsync(item, WorkKeys.DuplicatesSuppressed);

    public Task DeadLetteredAsync(WorkItem? item) => CountAsync(item, WorkKeys.DeadLettered);

    public Task TransientFailureAsync(WorkItem? item) => CountAsync(item, WorkKeys.TransientFailures);

    public Task InFlightAsync(int delta) => Database.HashIncrementAsync(WorkKeys.InFlightByReplica, replica.Name, delta);

    private async Task CountAsync(WorkItem? item, string field)
    {
        var batch = Database.CreateBatch();
        var tasks = new List<Task> { batch.HashIncrementAsync(WorkKeys.Stats, field) };
        if (item?.BatchId is { } batchId)
        {
            tasks.Add(batch.HashIncrementAsync(WorkKeys.Batch(batchId), field));
        }

        batch.Execute();
        await Task.WhenAll(tasks);
    }
}
