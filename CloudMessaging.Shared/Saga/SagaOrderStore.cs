using System.Text.Json.Serialization.Metadata;
using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The Redis read model of every saga (<c>saga:orders:{id}</c>): the API writes it once as Pending, then the
/// orchestrator mirrors its session state into it after each handling.
/// </summary>
public sealed class SagaOrderStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);

    private readonly JsonRecords<SagaState> _orders =
        new(redis, Key, (JsonTypeInfo<SagaState>)SagaJson.Options.GetTypeInfo(typeof(SagaState)), TimeToLive);

    public static string Key(string orderId) => $"saga:orders:{orderId}";

    public Task<SagaState?> GetAsync(string orderId) => _orders.GetAsync(orderId);

    /// <summary>Writes the API's Pending record, unless the orchestrator somehow got there first.</summary>
    public Task CreatePendingAsync(SagaState state) => _orders.SetAsync(state.OrderId, state, When.NotExists);

    /// <summary>
    /// Mirrors the orchestrator's state. Handlings of one saga are serial (one session, one consumer), and a handling
    /// redone after a crash writes a version at least as new, so a plain overwrite is enough.
    /// </summary>
    public Task MirrorAsync(SagaState state) => _orders.SetAsync(state.OrderId, state);
}
