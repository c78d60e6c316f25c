using StackExchange.Redis;

namespace CloudMessaging.Shared.RequestReply;

/// <summary>
/// The job hash's writes as Lua scripts: one round trip each, where a WATCH/MULTI/EXEC transaction takes two and
/// Garnet aborts it whenever another key in a watched key's hash bucket is written (then it is tried again). A script
/// runs atomically (Garnet: <c>--lua --lua-transaction-mode</c>, see CloudMessaging.Garnet).
/// </summary>
internal static class JobScripts
{
    /// <summary>KEYS[1] the hash; ARGV[1] seconds to live; ARGV[2..] field, value pairs. 1 if created, nil if it existed.</summary>
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return false end
        for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('EXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS[1] the hash; ARGV[1] the version the change was decided on; ARGV[2] seconds to live from now, 0 to keep the
    /// expiry; ARGV[3..] field, value pairs. Nil when the version moved on (another change won), else the changed hash.
    /// </summary>
    private const string TransitionScript = $$"""
        if redis.call('HGET', KEYS[1], '{{JobFields.Version}}') ~= ARGV[1] then return false end
        for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('HINCRBY', KEYS[1], '{{JobFields.Version}}', 1)
        if ARGV[2] ~= '0' then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
        return redis.call('HGETALL', KEYS[1])
        """;

    /// <summary>Writes the hash unless it exists; true when this call created it.</summary>
    public static async Task<bool> CreateAsync(IDatabase database, string key, HashEntry[] entries, TimeSpan timeToLive) =>
        !(await database.ScriptEvaluateAsync(CreateScript, [key], [Seconds(timeToLive), .. Flatten(entries)]).ConfigureAwait(false)).IsNull;

    /// <summary>Applies <paramref name="entries"/> and bumps the version if it is still <paramref name="version"/>; the hash after, or null.</summary>
    public static async Task<HashEntry[]?> TransitionAsync(IDatabase database, string key, long version, HashEntry[] entries, TimeSpan? timeToLive)
    {
        var result = await database.ScriptEvaluateAsync(
            TransitionScript, [key], [version, timeToLive is { } ttl ? Seconds(ttl) : 0, .. Flatten(entries)]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var items = (RedisResult[])result!;
        var hash = new HashEntry[items.Length / 2];
        for (var i = 0; i < hash.Length; i++)
        {
            hash[i] = new HashEntry((RedisValue)items[2 * i], (RedisValue)items[(2 * i) + 1]);
        }

        return hash;
    }

    private static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));

    private static IEnumerable<RedisValue> Flatten(HashEntry[] entries) => entries.SelectMany(e => new[] { e.Name, e.Value });
}
