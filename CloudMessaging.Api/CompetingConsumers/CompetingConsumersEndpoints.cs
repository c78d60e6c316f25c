using CloudMessaging.Api.Http;
using CloudMessaging.Api.Input;
using CloudMessaging.Api.Security;
using CloudMessaging.Shared;
using CloudMessaging.Shared.CompetingConsumers;
using CloudMessaging.Shared.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudMessaging.Api.CompetingConsumers;

/// <summary>
/// Competing consumers: the API enqueues work items on <c>work</c> (or per-key ordered items on <c>work-ordered</c>)
/// and every worker replica competes for them; these endpoints enqueue and report.
/// </summary>
public static class CompetingConsumersEndpoints
{
    public const string Tag = "Competing consumers";

    /// <summary>Work requests are a handful of numbers and an id; 4 KiB leaves ample room.</summary>
    public const int MaxRequestBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapCompetingConsumersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/work").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>();

        group.MapPost("", SendAsync)
            .WithName("SendWorkItem")
            .Accepts<WorkItemRequest>("application/json")
            .Produces<WorkItemAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithSummary("Enqueues one work item on the work queue; its id is its MessageId and idempotency key.");

        group.MapPost("/batch", SendBatchAsync)
            .WithName("SendWorkBatch")
            .Accepts<WorkBatchRequest>("application/json")
            .Produces<WorkBatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithSummary("Enqueues count work items with ids {batchId}-{n}, shaped by handler time, failure rate, poison and payload size.");

        group.MapPost("/ordered", SendOrderedAsync)
            .WithName("SendOrderedWork")
            .Accepts<OrderedWorkRequest>("application/json")
            .Produces<OrderedBatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .WithSummary("Enqueues keys x itemsPerKey items on the session-enabled work-ordered queue (SessionId = key).");

        group.MapGet("/stats", GetStatsAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .WithName("GetWorkStats")
            .WithSummary("Items accepted, processed (in total and per replica), duplicates suppressed, in flight and dead-lettered.");

        group.MapGet("/batches/{batchId}", GetBatchAsync)
            .WithName("GetWorkBatch")
            .WithSummary("A batch's counters and how many times each item's effect was applied.");

        group.MapGet("/ordered/{batchId}", GetOrderedBatchAsync)
            .WithName("GetOrderedWork")
            .WithSummary("An ordered batch's progress, order violations and which replicas processed its keys.");

        group.MapGet("/batches/{batchId}/events", WorkEventStreams.StreamBatchAsync)
            .RequireRateLimiting(RateLimitSetup.EventStreams)
            .DisableRequestTimeout()
            .WithName("StreamWorkBatch")
            .WithSummary("A batch's counters as Server-Sent Events (event: batch), sent whenever they change.");

        group.MapGet("/ordered/{batchId}/events", WorkEventStreams.StreamOrderedAsync)
            .RequireRateLimiting(RateLimitSetup.EventStreams)
            .DisableRequestTimeout()
            .WithName("StreamOrderedWork")
            .WithSummary("An ordered batch's progress as Server-Sent Events (event: ordered), until every key is done.");

        group.MapGet("/{id}", GetItemAsync)
            .WithName("GetWorkItem")
            .WithSummary("Whether a work item's effect was applied, by which replica and when.");

        return app;
    }

    private static async Task<IResult> SendAsync(
        HttpRequest http, WorkSender sender, FaultInjection faults, CancellationToken cancellationToken)
    {
        var (body, error) = await TypedJsonBody.ReadValidAsync(http, RequestJsonContext.Default.WorkItemRequest, MaxRequestBytes, WorkRequestValidator.Validate, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var request = body!;
        if (RefuseFaults(faults, request.FailureRate, request.Poison) is { } refused)
        {
            return refused;
        }

        var id = request.Id ?? Guid.NewGuid().ToString("N");
        await sender.SendAsync(id, ToItem(batchId: null, request.HandlerMilliseconds, request.FailureRate, request.Poison, request.PayloadBytes, sequence: 0), cancellationToken);
        return TypedResults.Accepted($"/api/work/{id}", new WorkItemAccepted(id, "Accepted"));
    }

    private static async Task<IResult> SendBatchAsync(
        HttpRequest http, WorkSender sender, FaultInjection faults, CancellationToken cancellationToken)
    {
        var (body, error) = await TypedJsonBody.ReadValidAsync(http, RequestJsonContext.Default.WorkBatchRequest, MaxRequestBytes, WorkRequestValidator.Validate, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var request = body!;
        if (RefuseFaults(faults, request.FailureRate, request.Poison) is { } refused)
        {
            return refused;
        }

        var count = request.Count!.Value;
        if (WorkBudget.Check(count, request.PayloadBytes) is { } overBudget)
        {
            return overBudget;
        }

        var batchId = NewBatchId();
        var item = ToItem(batchId, request.HandlerMilliseconds, request.FailureRate, request.Poison, request.PayloadBytes, sequence: 0);
        await sender.SendManyAsync(
            EntityNames.WorkQueue,
            batchId,
            Enumerable.Range(0, count).Select(n => WorkSender.ToMessage(ItemId(batchId, n), sessionId: null, item)),
            cancellationToken);
        return TypedResults.Accepted($"/api/work/batches/{batchId}", new WorkBatchAccepted(batchId, count, ItemId(batchId, 0), ItemId(batchId, count - 1)));
    }

    private static async Task<IResult> SendOrderedAsync(
        HttpRequest http, WorkSender sender, WorkStore store, CancellationToken cancellationToken)
    {
        var (body, error) = await TypedJsonBody.ReadValidAsync(http, RequestJsonContext.Default.OrderedWorkRequest, MaxRequestBytes, WorkRequestValidator.Validate, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var request = body!;

        var batchId = NewBatchId();
        int keys = request.Keys!.Value, itemsPerKey = request.ItemsPerKey!.Value;
        await store.RecordOrderedBatchAsync(batchId, keys, itemsPerKey);

        // Interleave the keys as real traffic would; within a key the items go out in sequence order.
        var messages =
            from sequence in Enumerable.Range(0, itemsPerKey)
            from key in Enumerable.Range(0, keys)
            let sessionId = WorkStore.OrderedSessionId(batchId, key)
            select WorkSender.ToMessage($"{sessionId}-{sequence:D4}", sessionId, new WorkItem(batchId, request.HandlerMilliseconds ?? 0, 0, false, sequence, null));
        await sender.SendManyAsync(EntityNames.WorkOrderedQueue, batchId: null, messages, cancellationToken);
        return TypedResults.Accepted($"/api/work/ordered/{batchId}", new OrderedBatchAccepted(batchId, keys, itemsPerKey));
    }

    private static async Task<Ok<WorkStats>> GetStatsAsync(WorkStore store) => TypedResults.Ok(await store.ReadAsync());

    private static async Task<Results<Ok<WorkBatchStats>, ProblemHttpResult>> GetBatchAsync(string batchId, WorkStore store) =>
        await store.ReadBatchAsync(batchId) is { } stats
            ? TypedResults.Ok(stats)
            : NotFound("batchId", $"No batch '{batchId}'.");

    private static async Task<Results<Ok<OrderedBatchStats>, ProblemHttpResult>> GetOrderedBatchAsync(string batchId, WorkStore store) =>
        await store.ReadOrderedBatchAsync(batchId) is { } stats
            ? TypedResults.Ok(stats)
            : NotFound("batchId", $"No ordered batch '{batchId}'.");

    private static async Task<Results<Ok<WorkItemStatus>, ValidationProblem>> GetItemAsync(string id, IdempotencyStore idempotency)
    {
        if (!WorkRequestValidator.IsValidId(id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["Not a valid work item id."] });
        }

        // The idempotency record is the proof of processing; without one the item is queued, in flight or dead-lettered.
        return await idempotency.FindAsync(WorkStore.IdempotencyScope, id) is { } record
            ? TypedResults.Ok(new WorkItemStatus(id, "Processed", record.AppliedBy, record.AppliedAt))
            : TypedResults.Ok(new WorkItemStatus(id, "NotProcessed", null, null));
    }

    private static ValidationProblem? RefuseFaults(FaultInjection faults, double? failureRate, bool? poison) =>
        faults.Refuse(("failureRate", failureRate is > 0), ("poison", poison is true));

    private static WorkItem ToItem(string? batchId, int? handlerMilliseconds, double? failureRate, bool? poison, int? payloadBytes, int sequence) =>
        new(batchId, handlerMilliseconds ?? 0, failureRate ?? 0, poison ?? false, sequence, payloadBytes is > 0 ? new string('x', payloadBytes.Value) : null);

    private static string NewBatchId() => "b" + Guid.NewGuid().ToString("N")[..12];

    private static string ItemId(string batchId, int n) => $"{batchId}-{n:D5}";

    internal static ProblemHttpResult NotFound(string field, string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["field"] = field });
}
