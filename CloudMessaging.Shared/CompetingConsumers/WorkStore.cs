using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.CompetingConsumers;

/// <summary>
/// Competing consumers' state in Redis: the counters behind <c>GET /api/work/stats</c> (the API counts what it
/// accepted, every replica what it handled), and what the workers record per batch so a caller can check that every
/// item was applied exactly once, and per ordered key that its items were applied in order.
/// </summary>
public sealed class WorkStore(IConnectionMultiplexer redis, ReplicaIdentity replica)
{
    /// <summary>The idempotency scope of items on <c>work</c>.</summary>
    public const string IdempotencyScope = "work";

    /// <summary>The idempotency scope of items on <c>work-ordered</c>.</summary>
    public const string OrderedIdempotencyScope = "work-ordered";

    private IDatabase Database => redis.GetDatabase();

    /// <summary>Session id (the ordering key) of key number <paramref name="key"/> in an ordered batch.</summary>
    public static string OrderedSessionId(string batchId, int key) => $"{batchId}-k{key:D3}";

    /// <summary>Counts <paramref name="count"/> items the broker accepted, in total and for their batch.</summary>
    public async Task CountAcceptedAsync(string? batchId, int count)
    {
        var database = Database;
        await database.HashIncrementAsync(WorkKeys.Stats, WorkKeys.Accepted, count);
        if (batchId is not null)
        {
            await database.HashIncrementAsync(WorkKeys.Batch(batchId), WorkKeys.Accepted, count);
            await database.KeyExpireAsync(WorkKeys.Batch(batchId), WorkKeys.BatchRetention);
        }
    }

    /// <summary>Records an ordered batch's shape, which <see cref="ReadOrderedBatchAsync"/> checks the applied items against.</summary>
    public async Task RecordOrderedBatchAsync(string batchId, int keys, int itemsPerKey)
    {
        var database = Database;
        await database.HashSetAsync(WorkKeys.OrderedBatch(batchId),
        [
            new HashEntry(WorkKeys.OrderedKeysField, keys),
            new HashEntry(WorkKeys.OrderedItemsPerKeyField, itemsPerKey),
        ]);
        await database.KeyExpireAsync(WorkKeys.OrderedBatch(batchId), WorkKeys.BatchRetention);
    }

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

    public async Task<WorkStats> ReadAsync()
    {
        var counters = HashFields.Counts(await Database.HashGetAllAsync(WorkKeys.Stats));
        var replicas = HashFields.Counts(await Database.HashGetAllAsync(WorkKeys.ProcessedByReplica));
        var inFlight = HashFields.Counts(await Database.HashGetAllAsync(WorkKeys.InFlightByReplica));
        return new WorkStats(
            counters.GetValueOrDefault(WorkKeys.Accepted),
            counters.GetValueOrDefault(WorkKeys.Processed),
            counters.GetValueOrDefault(WorkKeys.DuplicatesSuppressed),
            counters.GetValueOrDefault(WorkKeys.DeadLettered),
            counters.GetValueOrDefault(WorkKeys.TransientFailures),
            inFlight.Values.Where(v => v > 0).Sum(),
            replicas);
    }

    public async Task<WorkBatchStats?> ReadBatchAsync(string batchId)
    {
        var counters = HashFields.Counts(await Database.HashGetAllAsync(WorkKeys.Batch(batchId)));
        if (counters.Count == 0)
        {
            return null;
        }

        var replicas = HashFields.Counts(await Database.HashGetAllAsync(WorkKeys.BatchReplicas(batchId)));
        var effects = HashFields.Counts(await Database.HashGetAllAsync(WorkKeys.BatchEffects(batchId)));
        return new WorkBatchStats(
            batchId,
            counters.GetValueOrDefault(WorkKeys.Accepted),
            counters.GetValueOrDefault(WorkKeys.Processed),
            counters.GetValueOrDefault(WorkKeys.DuplicatesSuppressed),
            counters.GetValueOrDefault(WorkKeys.DeadLettered),
            counters.GetValueOrDefault(WorkKeys.TransientFailures),
            effects.Count,
            effects.Count == 0 ? 0 : effects.Values.Max(),
            replicas);
    }

    public async Task<OrderedBatchStats?> ReadOrderedBatchAsync(string batchId)
    {
        var shape = HashFields.Counts(await Database.HashGetAllAsync(WorkKeys.OrderedBatch(batchId)));
        if (shape.Count == 0)
        {
            return null;
        }

        var keys = (int)shape.GetValueOrDefault(WorkKeys.OrderedKeysField);
        var itemsPerKey = (int)shape.GetValueOrDefault(WorkKeys.OrderedItemsPerKeyField);
        long processed = 0, violations = 0;
        var keysCompleted = 0;
        var keysByReplica = new Dictionary<string, long>();
        for (var key = 0; key < keys; key++)
        {
            var sessionId = OrderedSessionId(batchId, key);
            var applied = await Database.ListRangeAsync(WorkKeys.OrderedKey(sessionId));
            processed += applied.Length;
            // Item n must be the n-th applied; anything else was applied out of order or twice.
            violations += applied.Select((sequence, position) => (int)sequence != position).Count(violated => violated);
            if (applied.Length == itemsPerKey)
            {
                keysCompleted++;
            }

            foreach (var member in await Database.SetMembersAsync(WorkKeys.OrderedKeyReplicas(sessionId)))
            {
                keysByReplica[member.ToString()] = keysByReplica.GetValueOrDefault(member.ToString()) + 1;
            }
        }

        return new OrderedBatchStats(batchId, keys, itemsPerKey, processed, violations, keysCompleted, keysByReplica);
    }

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
