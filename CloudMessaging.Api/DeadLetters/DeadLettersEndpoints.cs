using System.Globalization;
using CloudMessaging.Api.Http;
using CloudMessaging.Api.Input;
using CloudMessaging.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudMessaging.Api.DeadLetters;

/// <summary>
/// Inspect and re-drive the dead-letter queue of any queue (<c>/api/deadletters/work</c>) or subscription
/// (<c>/api/deadletters/orders/subscriptions/billing</c>) of the topology.
/// </summary>
public static class DeadLettersEndpoints
{
    public const string Tag = "Dead-letter queues";

    /// <summary>Service Bus entity names are at most 260 characters.</summary>
    public const int MaxEntityNameLength = 260;

    private const int DefaultPeek = 100;

    private const int MaxPeek = 1000;

    public static IEndpointRouteBuilder MapDeadLettersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deadletters").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>().RequireAuthorization(ApiPolicies.Operator);

        group.MapGet("/{queue}", (string queue, string? max, DeadLetterReplayer replayer, CancellationToken ct) =>
                PeekAsync(Find(queue, null), max, replayer, ct))
            .WithName("PeekQueueDeadLetters")
            .WithSummary("Lists a queue's dead-lettered messages (peek: reason, description, delivery count, enqueued time).")
            .Produces<DeadLetterList>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{topic}/subscriptions/{subscription}", (string topic, string subscription, string? max, DeadLetterReplayer replayer, CancellationToken ct) =>
                PeekAsync(Find(topic, subscription), max, replayer, ct))
            .WithName("PeekSubscriptionDeadLetters")
            .WithSummary("Lists a subscription's dead-lettered messages (peek).")
            .Produces<DeadLetterList>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{queue}/replay", (string queue, HttpRequest request, DeadLetterReplayer replayer, CancellationToken ct) =>
                ReplayAsync(Find(queue, null), request, replayer, ct))
            .WithName("ReplayQueueDeadLetters")
            .WithSummary("Re-sends a queue's dead-lettered messages ({\"all\": true}, or {\"messageIds\": [...]}) to the queue and removes them from its dead-letter queue.")
            .Accepts<ReplayRequest>("application/json")
            .Produces<ReplayResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{topic}/subscriptions/{subscription}/replay", (string topic, string subscription, HttpRequest request, DeadLetterReplayer replayer, CancellationToken ct) =>
                ReplayAsync(Find(topic, subscription), request, replayer, ct))
            .WithName("ReplaySubscriptionDeadLetters")
            .WithSummary("Re-publishes a subscription's dead-lettered messages ({\"all\": true}, or {\"messageIds\": [...]}) to its topic and removes them from its dead-letter queue.")
            .Accepts<ReplayRequest>("application/json")
            .Produces<ReplayResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>The entity a route names: 400 for a name no entity could have, 404 for one the topology lacks.</summary>
    private static (DeadLetterSource? Source, IResult? Error) Find(string queueOrTopic, string? subscription)
    {
        var entity = subscription is null ? queueOrTopic : $"{queueOrTopic}/subscriptions/{subscription}";
        if (!RequestValues.IsIdentifier(queueOrTopic, MaxEntityNameLength) || (subscription is not null && !RequestValues.IsIdentifier(subscription, MaxEntityNameLength)))
        {
            return (null, InputProblems.Invalid("entity", RequestValues.IdentifierRule(MaxEntityNameLength)));
        }

        var source = subscription is null ? DeadLetterEntities.FindQueue(queueOrTopic) : DeadLetterEntities.FindSubscription(queueOrTopic, subscription);
        return source is null ? (null, UnknownEntity(entity)) : (source, null);
    }

    private static async Task<IResult> PeekAsync(
        (DeadLetterSource? Source, IResult? Error) found, string? max, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        if (found.Error is not null)
        {
            return found.Error;
        }

        var count = DefaultPeek;
        if (max is not null && !(int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxPeek))
        {
            return InputProblems.Invalid("max", $"Must be a whole number from 1 to {MaxPeek}.");
        }

        var messages = await replayer.PeekAsync(found.Source!, count, cancellationToken);
        return TypedResults.Ok(new DeadLetterList(found.Source!.Path, messages.Count, messages));
    }

    private static async Task<IResult> ReplayAsync(
        (DeadLetterSource? Source, IResult? Error) found, HttpRequest request, DeadLetterReplayer replayer, CancellationToken cancellationToken)
    {
        if (found.Error is not null)
        {
            return found.Error;
        }

        var (body, readError) = await TypedJsonBody.ReadAsync(request, RequestJsonContext.Default.ReplayRequest, ReplayRequestValidator.MaxRequestBytes, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        var (messageIds, errors) = ReplayRequestValidator.Validate(body!);
        if (errors.Count > 0)
        {
            return InputProblems.Invalid(errors, "The replay request is invalid; nothing was replayed.");
        }

        return TypedResults.Ok(await replayer.ReplayAsync(found.Source!, messageIds, cancellationToken));
    }

    private static ProblemHttpResult UnknownEntity(string entity) =>
        TypedResults.Problem(
            title: "Unknown entity",
            detail: $"'{entity}' is not a queue or subscription of the topology.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["field"] = "entity" });
}
