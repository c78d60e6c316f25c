using System.Text.Json;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

/// <summary>Publishes order events to the <c>orders</c> topic and shows which subscribers have handled one.</summary>
internal static class OrderEventEndpoints
{
    /// <summary>Room for a full batch of <see cref="OrderEventRequestValidator.MaxBatchSize"/> events.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    public static RouteGroupBuilder MapOrderEventEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/orders/events", PublishAsync)
            .WithName("PublishOrderEvents")
            .WithSummary("Publishes one order event or a batch to the orders topic: 202 at once, subscribers handle them later.");

        group.MapGet("/orders/events/{id}", GetAsync)
            .WithName("GetOrderEventDeliveries")
            .WithSummary("Which subscribers have handled an order event so far, and what each did.");

        return group;
    }

    public static string DeliveriesOf(string id) => $"/api/orders/events/{Uri.EscapeDataString(id)}";

    private static async Task<IResult> PublishAsync(
        HttpRequest request, OrderEventPublisher publisher, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var (document, readError) = await JsonBodyReader.ReadAsync(request, MaxRequestBytes, allowArray: true, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        IReadOnlyList<OrderEvent> events;
        bool isBatch;
        using (document)
        {
            var (parsed, errors) = OrderEventRequestValidator.Validate(document!.RootElement, timeProvider);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: "The order events are invalid; none was published.");
            }

            events = parsed;
            isBatch = document.RootElement.ValueKind == JsonValueKind.Array;
        }

        // The topic accepting the events is the whole promise: no subscriber is waited for.
        if (isBatch)
        {
            await publisher.PublishAsync(events, cancellationToken);
        }
        else
        {
            await publisher.PublishAsync(events[0], cancellationToken);
        }

        var published = events.Select(e => new PublishedEvent(e.Id, e.Type, e.Data.OrderId, DeliveriesOf(e.Id))).ToList();
        return TypedResults.Accepted(isBatch ? (string?)null : published[0].Deliveries, new PublishAccepted(published.Count, published));
    }

    private static async Task<IResult> GetAsync(string id, SubscriberStore store)
    {
        if (RequestValues.CheckIdentifier(id, "id") is { } idError)
        {
            return idError;
        }

        var handledByTask = store.GetEventAsync(id);
        var repeatsTask = store.GetRepeatsAsync(id);
        var handledBy = await handledByTask;
        var repeats = await repeatsTask;
        return handledBy.Count == 0
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No subscriber has handled this event yet.",
                detail: $"Event '{id}' is unknown, not handled yet, or its record expired.")
            : TypedResults.Ok(new EventDeliveries(id, handledBy, repeats));
    }
}
