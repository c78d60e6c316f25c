using StackExchange.Redis;

namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The Redis read model of every saga (<c>saga:orders:{id}</c>): the API writes it once as Pending, then the
/// orchestrator mirrors its session state into it after each handling.
/// </summary>
public sealed class SagaOrderStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);

    public static string Key(string orderId) => $"saga:orders:{orderId}";

    private IDatabase Database => redis.GetDatabase();

    public async Task<SagaState?> GetAsync(string orderId)
    {
        var value = await Database.StringGetAsync(Key(orderId));
        return value.IsNullOrEmpty ? null : SagaJson.Deserialize<SagaState>(BinaryData.FromBytes((byte[])value!));
    }

    /// <summary>Writes the API's Pending record, unless the orchestrator somehow got there first.</summary>
    public Task CreatePendingAsync(SagaState state) =>
        Database.StringSetAsync(Key(state.OrderId), SagaJson.Serialize(state).ToArray(), TimeToLive, When.NotExists);

    /// <summary>
    /// Mirrors the orchestrator's state. Handlings of one saga are serial (one session, one consumer), and a handling
    /// redone after a crash writes a version at least as new, so a plain overwrite is enough.
    /// </summary>
    public Task MirrorAsync(SagaState state) =>
        Database.StringSetAsync(Key(state.OrderId), SagaJson.Serialize(state).ToArray(), TimeToLive);
}
