using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Api.Saga;

/// <summary>A validated <c>POST /api/orders</c> body.</summary>
internal sealed record OrderRequest(
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    decimal Amount,
    string Country,
    string Tier,
    SagaSimulation Simulation)
{
    public StartOrderSaga ToStart(string orderId, DateTimeOffset now) =>
        new(orderId, CustomerId, Items, Amount, Country, Tier, Simulation, now);
}
