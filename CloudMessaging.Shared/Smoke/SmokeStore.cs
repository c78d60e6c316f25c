using System.Globalization;
using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Smoke;

/// <summary>One Redis hash per smoke message (<c>smoke:{id}</c>): a worker writes it, the API reads it back.</summary>
public sealed class SmokeStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    private const string ReplicaField = "replica";

    private const string HandledAtField = "handledAt";

    private static string Key(string id) => $"smoke:{id}";

    public async Task RecordHandledAsync(string id, SmokeRecord record)
    {
        var database = redis.GetDatabase();
        await database.HashSetAsync(Key(id),
        [
            new HashEntry(ReplicaField, record.Replica),
            new HashEntry(HandledAtField, record.HandledAt.ToString("O")),
        ]);
        await database.KeyExpireAsync(Key(id), TimeToLive);
    }

    public async Task<SmokeRecord?> GetAsync(string id) =>
        HashFields.From(await redis.GetDatabase().HashGetAllAsync(Key(id))) is { } fields
            ? new SmokeRecord(fields[ReplicaField], DateTimeOffset.Parse(fields[HandledAtField], CultureInfo.InvariantCulture))
            : null;
}
