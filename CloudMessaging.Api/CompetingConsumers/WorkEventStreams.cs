using CloudMessaging.Api.Http;
using CloudMessaging.Api.Security;
using CloudMessaging.Shared.CompetingConsumers;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.CompetingConsumers;

/// <summary>
/// A batch's and an ordered batch's counters (as <c>GET /api/work/batches/{id}</c> and <c>/api/work/ordered/{id}</c>
/// answer them) as Server-Sent Events (<c>batch</c>, <c>ordered</c>) whenever they change. A batch's stream stays open:
/// replayed dead letters are processed later and move its counters again; an ordered batch's ends once every key is done.
/// </summary>
internal static class WorkEventStreams
{
    public const string BatchEventType = "batch";

    public const string OrderedEventType = "ordered";

    public static async Task<IResult> StreamBatchAsync(
        string batchId, WorkStore store, TimeProvider time, IOptions<LiveStreamOptions> live, IOptions<SecurityOptions> security, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        await store.ReadBatchAsync(batchId) is { } first
            ? PolledEventStream.Create(first, () => store.ReadBatchAsync(batchId), _ => false, BatchEventType, json.Value.SerializerOptions, live.Value, security.Value, time, cancellationToken)
            : CompetingConsumersEndpoints.NotFound("batchId", $"No batch '{batchId}'.");

    public static async Task<IResult> StreamOrderedAsync(
        string batchId, WorkStore store, TimeProvider time, IOptions<LiveStreamOptions> live, IOptions<SecurityOptions> security, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        await store.ReadOrderedBatchAsync(batchId) is { } first
            ? PolledEventStream.Create(first, () => store.ReadOrderedBatchAsync(batchId), s => s.KeysCompleted >= s.Keys, OrderedEventType, json.Value.SerializerOptions, live.Value, security.Value, time, cancellationToken)
            : CompetingConsumersEndpoints.NotFound("batchId", $"No ordered batch '{batchId}'.");
}
