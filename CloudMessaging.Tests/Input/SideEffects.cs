using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using StackExchange.Redis;

namespace CloudMessaging.Tests.Input;

/// <summary>
/// What a request left behind: the Redis keys that exist, and how many messages each entity was given. Workers
/// consume messages at once, so counting what sits in a queue proves nothing; instead a probe message is scheduled a
/// day ahead and cancelled at once, and the gap between two probes' sequence numbers counts what was enqueued between.
/// </summary>
public sealed class SideEffects(IConnectionMultiplexer redis, ServiceBusClient serviceBus) : IAsyncDisposable
{
    private const string ProbeSession = "input-corpus-probe";

    public static async Task<SideEffects> ConnectAsync(Aspire.Hosting.DistributedApplication app) =>
        new(
            await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync(ConnectionNames.Redis))!),
            new ServiceBusClient(await app.GetConnectionStringAsync(ConnectionNames.ServiceBus)));

    public async Task<Snapshot> TakeAsync(IEnumerable<string> entities)
    {
        var sequenceNumbers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            sequenceNumbers[entity] = await ProbeAsync(entity);
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: "*", pageSize: 1000))
            {
                keys.Add(key.ToString());
            }
        }

        return new Snapshot(keys, sequenceNumbers);
    }

    /// <summary>The messages each entity was given since <paramref name="before"/>, and the keys that appeared.</summary>
    public static (IReadOnlyList<string> NewKeys, IReadOnlyDictionary<string, long> Enqueued) Difference(Snapshot before, Snapshot after) =>
        ([.. after.Keys.Except(before.Keys).Order(StringComparer.Ordinal)],
         before.SequenceNumbers.ToDictionary(e => e.Key, e => after.SequenceNumbers[e.Key] - e.Value - 1, StringComparer.Ordinal));

    private async Task<long> ProbeAsync(string entity)
    {
        await using var sender = serviceBus.CreateSender(entity);
        var probe = new ServiceBusMessage(BinaryData.FromString("probe")) { SessionId = ProbeSession, MessageId = Guid.NewGuid().ToString("N") };
        var sequenceNumber = await sender.ScheduleMessageAsync(probe, DateTimeOffset.UtcNow.AddDays(1));
        await sender.CancelScheduledMessageAsync(sequenceNumber);
        return sequenceNumber;
    }

    public async ValueTask DisposeAsync()
    {
        await serviceBus.DisposeAsync();
        redis.Dispose();
    }

    public sealed record Snapshot(IReadOnlySet<string> Keys, IReadOnlyDictionary<string, long> SequenceNumbers);
}
