namespace CloudMessaging.Shared.Saga;

/// <summary>
/// An order saga's state. The orchestrator keeps it in the Service Bus session state of the order's session (the
/// source of truth) and mirrors it to Redis after every handling, where <c>GET /api/orders/{id}</c> reads it.
/// </summary>
public sealed class SagaState
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    public required IReadOnlyList<OrderItem> Items { get; init; }

    public required decimal Amount { get; init; }

    public required string Country { get; init; }

    public required string Tier { get; init; }

    public SagaSimulation Simulation { get; init; } = SagaSimulation.None;

    public SagaStatus Status { get; set; }

    /// <summary>Why the saga was cancelled; null unless it was.</summary>
    public string? Reason { get; set; }

    /// <summary>The command the saga waits for an answer to; null once it has finished.</summary>
    public PendingCommand? Pending { get; set; }

    /// <summary>Steps that took effect, in order.</summary>
    public List<SagaStep> Done { get; set; } = [];

    /// <summary>Steps still to compensate, the next one first (reverse order of <see cref="Done"/>).</summary>
    public List<SagaStep> ToCompensate { get; set; } = [];

    /// <summary>Bumped by every handling; the Redis mirror never goes back to an older version.</summary>
    public int Version { get; set; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];

    public bool IsFinished => Status is SagaStatus.Completed or SagaStatus.Cancelled;

    public static SagaState Submitted(StartOrderSaga start, SagaStatus status) => new()
    {
        OrderId = start.OrderId,
        CustomerId = start.CustomerId,
        Items = start.Items,
        Amount = start.Amount,
        Country = start.Country,
        Tier = start.Tier,
        Simulation = start.Simulation,
        Status = status,
        SubmittedAt = start.SubmittedAt,
        UpdatedAt = start.SubmittedAt,
        Timeline = [new TimelineEntry(start.SubmittedAt, "Submitted")],
    };
}
