using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Redis;

/// <summary>
/// Records kept as one Redis string of JSON per id, replaced whole by each write and expiring
/// <paramref name="timeToLive"/> after it.
/// </summary>
public sealed class JsonRecords<T>(IConnectionMultiplexer redis, Func<string, string> key, JsonTypeInfo<T> json, TimeSpan timeToLive)
    where T : class
{
    public TimeSpan TimeToLive { get; } = timeToLive;

    public async Task<T?> GetAsync(string id)
    {
        var value = await redis.GetDatabase().StringGetAsync(key(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, json);
    }

    /// <summary>Writes the record; with <see cref="When.NotExists"/>, only when there is none yet.</summary>
    public Task<bool> SetAsync(string id, T record, When when = When.Always) =>
        redis.GetDatabase().StringSetAsync(key(id), JsonSerializer.Serialize(record, json), TimeToLive, when);

    public Task<bool> DeleteAsync(string id) => redis.GetDatabase().KeyDeleteAsync(key(id));
}
