using CloudMessaging.Api.Http;
using CloudMessaging.Api.Input;
using CloudMessaging.Api.Security;
using CloudMessaging.Shared.Saga;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudMessaging.Api.Saga;

/// <summary>
/// The order saga over HTTP: place an order (202, the saga runs in the workers), follow its state and timeline, and
/// look into the inventory and payment participants' data.
/// </summary>
public static class SagaEndpoints
{
    public const string Tag = "Saga";

    public const int MaxRequestBytes = 16 * 1024;

    private const string InvalidOrderTitle = "The order is invalid; no saga was started.";

    public static IEndpointRouteBuilder MapSagaEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>();

        group.MapPost("/orders", PlaceAsync)
            .WithName("PlaceOrder")
            .WithSummary("Starts an order saga (reserve stock → charge → ship): 202 with Location. failAt / stallAt make a step fail or stall.");

        // Order ids are GUIDs; the constraint leaves sibling routes such as /api/orders/events to their owners.
        group.MapGet("/orders/{id:guid}", GetAsync)
            .WithName("GetOrder")
            .WithSummary("An order saga's state and its timeline of steps, timeouts and compensations.");

        group.MapGet("/orders/{id:guid}/events", OrderEventStream.StreamAsync)
            .RequireRateLimiting(RateLimitSetup.EventStreams)
            .DisableRequestTimeout()
            .WithName("StreamOrder")
            .WithSummary("An order saga's state as Server-Sent Events (event: order) after every change, until it is over.");

        group.MapGet("/inventory", GetInventoryAsync)
            .WithName("GetInventory")
            .Produces<InventoryView>()
            .ProducesValidationProblem()
            .WithSummary("The inventory participant's stock per product; ?orderId= adds that order's reservation.");

        group.MapGet("/payments", GetPaymentsAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .WithName("GetPayments")
            .Produces<PaymentsView>()
            .ProducesValidationProblem()
            .WithSummary("The payment participant's totals and latest payments; ?orderId= shows that order's payment.");

        return app;
    }

    private static async Task<IResult> PlaceAsync(HttpRequest request, SagaSender sender, FaultInjection faults, CancellationToken cancellationToken)
    {
        var (document, readError) = await JsonBodyReader.ReadObjectAsync(request, MaxRequestBytes, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        using (document)
        {
            var (order, errors) = OrderRequestValidator.Validate(document!.RootElement);
            if (order is null)
            {
                return InputProblems.Invalid(errors, InvalidOrderTitle);
            }

            var simulation = order.Simulation;
            if (faults.Refuse(("failAt", simulation.FailAt is not null), ("stallAt", simulation.StallAt is not null), ("flakyCompensation", simulation.FlakyCompensation)) is { } refused)
            {
                return refused;
            }

            var state = await sender.StartAsync(order, cancellationToken);
            request.HttpContext.Response.Headers.Location = $"/api/orders/{state.OrderId}";
            return TypedResults.Json(state, SagaJson.Options, statusCode: StatusCodes.Status202Accepted);
        }
    }

    // Saga types serialize with SagaJson (enums as names), the same shape the workers store.
    private static async Task<Results<JsonHttpResult<SagaState>, NotFound>> GetAsync(Guid id, SagaOrderStore orders) =>
        await orders.GetAsync(id.ToString("N")) is { } state ? TypedResults.Json(state, SagaJson.Options) : TypedResults.NotFound();

    private static async Task<IResult> GetInventoryAsync(InventoryStore inventory, string? orderId = null)
    {
        if (orderId is not null && RequestValues.CheckIdentifier(orderId, "orderId") is { } orderIdError)
        {
            return orderIdError;
        }

        var reservation = orderId is not null && await inventory.GetRecordAsync(orderId) is { } record
            ? new ReservationView(orderId, record)
            : null;
        return TypedResults.Json(new InventoryView(await inventory.GetLevelsAsync(), reservation), SagaJson.Options);
    }

    private static async Task<IResult> GetPaymentsAsync(PaymentStore payments, string? orderId = null)
    {
        if (orderId is not null && RequestValues.CheckIdentifier(orderId, "orderId") is { } orderIdError)
        {
            return orderIdError;
        }

        IReadOnlyList<PaymentRecord> list = orderId is not null
            ? await payments.GetPaymentAsync(orderId) is { } payment ? [payment] : []
            : await payments.GetRecentAsync();
        return TypedResults.Json(new PaymentsView(await payments.GetTotalsAsync(), list), SagaJson.Options);
    }
}
