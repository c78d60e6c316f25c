using System.Text.Json;
using StackExchange.Redis;

namespace CloudMessaging.Shared.RequestReply;

/// <summary>
/// The quotes the API asked for (<c>quotes:{id}</c>): an empty record while the answer is pending, then the worker's
/// reply as JSON, so that a client polling after the request's own wait still gets it. Each expires after an hour.
/// </summary>
public sealed class QuoteStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    private static string Key(string id) => $"quotes:{id}";

    public Task MarkPendingAsync(string id) => redis.GetDatabase().StringSetAsync(Key(id), string.Empty, TimeToLive);

    public Task StoreReplyAsync(string id, BinaryData reply) => redis.GetDatabase().StringSetAsync(Key(id), reply.ToString(), TimeToLive);

    /// <summary>Whether the quote was asked for (and has not expired), and its reply once there is one.</summary>
    public async Task<(bool Known, QuoteReply? Reply)> FindAsync(string id)
    {
        var stored = await redis.GetDatabase().StringGetAsync(Key(id));
        if (stored.IsNull)
        {
            return (false, null);
        }

        return (true, stored.IsNullOrEmpty ? null : JsonSerializer.Deserialize<QuoteReply>(stored.ToString(), RequestReplyJson.Options));
    }
}
