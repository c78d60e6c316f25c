namespace CloudMessaging.Shared.Saga;

/// <summary>The API's message that starts an order's saga (MessageId and SessionId are the order id).</summary>
public sealed record StartOrderSaga(
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    decimal Amount,
    string Country,
    string Tier,
    SagaSimulation Simulation,
    DateTimeOffset SubmittedAt);
