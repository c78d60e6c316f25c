using CloudMessaging.Shared.CompetingConsumers;
using StackExchange.Redis;

namespace CloudMessaging.Api.CompetingConsumers;

/// <summary>Reads the counters and records the workers keep in Redis.</summary>
public sealed class WorkStatsReader(IConnectionMultiplexer redis)
{
    private IDatabase Database => redis.GetDatabase();

    public async Task<WorkStats> ReadAsync()
    {
        var counters = ToCounts(await Database.HashGetAllAsync(WorkKeys.Stats));
        var replicas = ToCounts(await Database.HashGetAllAsync(WorkKeys.ProcessedByReplica));
        var inFlight = ToCounts(await Database.HashGetAllAsync(WorkKeys.InFlightByReplica));
        return new WorkStats(
            Get(counters, WorkKeys.Accepted),
            Get(counters, WorkKeys.Processed),
            Get(counters, WorkKeys.DuplicatesSuppressed),
            Get(counters, WorkKeys.DeadLettered),
            Get(counters, WorkKeys.TransientFailures),
            inFlight.Values.Where(v => v > 0).Sum(),
            replicas);
    }

    public async Task<WorkBatchStats?> ReadBatchAsync(string batchId)
    {
        var counters = ToCounts(await Database.HashGetAllAsync(WorkKeys.Batch(batchId)));
        if (counters.Count == 0)
        {
            return null;
        }

        var replicas = ToCounts(await Database.HashGetAllAsync(WorkKeys.BatchReplicas(batchId)));
        var effects = ToCounts(await Database.HashGetAllAsync(WorkKeys.BatchEffects(batchId)));
        return new WorkBatchStats(
            batchId,
            Get(counters, WorkKeys.Accepted),
            Get(counters, WorkKeys.Processed),
            Get(counters, WorkKeys.DuplicatesSuppressed),
            Get(counters, WorkKeys.DeadLettered),
            Get(counters, WorkKeys.TransientFailures),
            effects.Count,
            effects.Count == 0 ? 0 : effects.Values.Max(),
            replicas);
    }

    public async Task<OrderedBatchStats?> ReadOrderedBatchAsync(string batchId)
    {
        var shape = ToCounts(await Database.HashGetAllAsync(WorkKeys.OrderedBatch(batchId)));
        if (shape.Count == 0)
        {
            return null;
        }

        var keys = (int)Get(shape, WorkKeys.OrderedKeysField);
        var itemsPerKey = (int)Get(shape, WorkKeys.OrderedItemsPerKeyField);
        long processed = 0, violations = 0;
        var keysCompleted = 0;
        var keysByReplica = new Dictionary<string, long>();
        for (var key = 0; key < keys; key++)
        {
            var sessionId = WorkKeys.OrderedSessionId(batchId, key);
            var applied = await Database.ListRangeAsync(WorkKeys.OrderedKey(sessionId));
            processed += applied.Length;
            // Item n must be the n-th applied; anything else was applied out of order or twice.
            violations += applied.Select((sequence, position) => (int)sequence != position).Count(violated => violated);
            if (applied.Length == itemsPerKey)
            {
                keysCompleted++;
            }

            foreach (var replica in await Database.SetMembersAsync(WorkKeys.OrderedKeyReplicas(sessionId)))
            {
                keysByReplica[replica.ToString()] = keysByReplica.GetValueOrDefault(replica.ToString()) + 1;
            }
        }

        return new OrderedBatchStats(batchId, keys, itemsPerKey, processed, violations, keysCompleted, keysByReplica);
    }

    private static Dictionary<string, long> ToCounts(HashEntry[] entries) =>
        entries.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);

    private static long Get(Dictionary<string, long> counts, string field) => counts.GetValueOrDefault(field);
}
