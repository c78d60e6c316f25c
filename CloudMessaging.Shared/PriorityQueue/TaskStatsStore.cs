using System.Globalization;
using CloudMessaging.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>Each level's counters, waiting set and recent queue waits (keys in <see cref="TaskKeys"/>), for <c>GET /api/tasks/stats</c>.</summary>
public sealed class TaskStatsStore(IConnectionMultiplexer redis, TimeProvider timeProvider, IOptions<PriorityQueueOptions> options)
{
    private readonly PriorityQueueOptions _options = options.Value;

    public async Task<TaskLevelSnapshot> ReadLevelAsync(TaskPriority level)
    {
        var database = redis.GetDatabase();
        var now = timeProvider.GetUtcNow();
        var counters = database.HashGetAllAsync(TaskKeys.Counters(level));
        var waiting = database.SortedSetLengthAsync(TaskKeys.Waiting(level));
        var oldest = database.SortedSetRangeByRankWithScoresAsync(TaskKeys.Waiting(level), 0, 0);
        var waits = database.SortedSetRangeByScoreAsync(TaskKeys.Waits(level), (now - _options.StatsWindow).ToUnixTimeMilliseconds(), double.PositiveInfinity);
        await Task.WhenAll(counters, waiting, oldest, waits);

        var values = HashFields.Counts(await counters);
        long Counter(string name) => values.TryGetValue(name, out var value) ? value : 0;
        var oldestEntry = (await oldest).FirstOrDefault();
        return new TaskLevelSnapshot(
            level,
            Counter(TaskKeys.Fields.Accepted),
            Counter(TaskKeys.Fields.Completed),
            Counter(TaskKeys.Fields.Escalated),
            await waiting,
            oldestEntry.Element.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)oldestEntry.Score),
            [.. (await waits).Select(member => long.Parse(member.ToString().AsSpan()[(member.ToString().LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))]);
    }
}
