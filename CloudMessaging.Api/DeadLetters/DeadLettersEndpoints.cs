using CloudMessaging.Api.Http;
using CloudMessaging.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CloudMessaging.Api.DeadLetters;

/// <summary>
/// Inspect and re-drive the dead-letter queue of any queue (<c>/api/deadletters/work</c>) or subscription
/// (<c>/api/deadletters/orders/subscriptions/billing</c>) of the topology.
/// </summary>
public static class DeadLettersEndpoints
{
    public const string Tag = "Dead-letter queues";

    private const int DefaultPeek = 100;

    private const int MaxPeek = 1000;

    public static IEndpointRouteBuilder MapDeadLettersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deadletters").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>().RequireAuthorization(ApiPolicies.Operator);

        group.MapGet("/{queue}", (string queue, int? max, DeadLetterReplayer replayer, CancellationToken ct) =>
                PeekAsync(DeadLetterEntities.FindQueue(queue), queue, max, replayer, ct))
            .WithName("PeekQueueDeadLetters")
            .WithSummary("Lists a queue's dead-lettered messages (peek: reason, description, delivery count, enqueued time).");

        group.MapGet("/{topic}/subscriptions/{subscription}", (string topic, string subscription, int? max, DeadLetterReplayer replayer, CancellationToken ct) =>
                PeekAsync(DeadLetterEntities.FindSubscription(topic, subscription), $"{topic}/subscriptions/{subscription}", max, replayer, ct))
            .WithName("PeekSubscriptionDeadLetters")
            .WithSummary("Lists a subscription's dead-lettered messages (peek).");

        group.MapPost("/{queue}/replay", (string queue, [FromBody] ReplayRequest? request, DeadLetterReplayer replayer, CancellationToken ct) =>
                ReplayAsync(DeadLetterEntities.FindQueue(queue), queue, request, replayer, ct))
            .WithName("ReplayQueueDeadLetters")
            .WithSummary("Re-sends a queue's dead-lettered messages (all, or messageIds) to the queue and removes them from its dead-letter queue.");

        group.MapPost("/{topic}/subscriptions/{subscription}/replay", (string topic, string subscription, [FromBody] ReplayRequest? request, DeadLetterReplayer replayer, CancellationToken ct) =>
                ReplayAsync(DeadLetterEntities.FindSubscription(topic, subscription), $"{topic}/subscriptions/{subscription}", request, replayer, ct))
            .WithName("ReplaySubscriptionDeadLetters")
            .WithSummary("Re-publishes a subscription's dead-lettered messages to its topic and removes them from its dead-letter queue.");

        return app;
    }

    private static async Task<Results<Ok<DeadLetterList>, ValidationProblem, ProblemHttpResult>> PeekAsync(
        DeadLetterSource? source, string entity, int? max, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return UnknownEntity(entity);
        }

        if (max is < 1 or > MaxPeek)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["max"] = [$"Must be between 1 and {MaxPeek}."] });
        }

        var messages = await replayer.PeekAsync(source, max ?? DefaultPeek, cancellationToken);
        return TypedResults.Ok(new DeadLetterList(source.Path, messages.Count, messages));
    }

    private static async Task<Results<Ok<ReplayResult>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        DeadLetterSource? source, string entity, ReplayRequest? request, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return UnknownEntity(entity);
        }

        if (request?.MessageIds is { } ids && (ids.Count == 0 || ids.Any(string.IsNullOrWhiteSpace)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["messageIds"] = ["Give at least one non-empty id, or omit messageIds to replay every dead-lettered message."],
            });
        }

        return TypedResults.Ok(await replayer.ReplayAsync(source, request?.MessageIds, cancellationToken));
    }

    private static ProblemHttpResult UnknownEntity(string entity) =>
        TypedResults.Problem(
            title: "Unknown entity",
            detail: $"'{entity}' is not a queue or subscription of the topology.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["field"] = "entity" });
}
