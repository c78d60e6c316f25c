namespace CloudMessaging.Web.Components.Pages.Saga;

/// <summary>An order saga as <c>GET /api/orders/{id}</c> and each event of <c>/api/orders/{id}/events</c> give it (enums as camelCase names).</summary>
public sealed record SagaOrder(
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Amount,
    SagaSwitches? Simulation,
    string Status,
    string? Reason,
    int Version,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<SagaTimelineEntry> Timeline)
{
    public bool IsFinished => Status is "completed" or "cancelled";
}

public sealed record OrderLine(string ProductId, int Quantity);

public sealed record SagaSwitches(string? FailAt, string? StallAt, bool FlakyCompensation);

/// <param name="Step"><c>inventory</c>, <c>payment</c> or <c>shipping</c>; null for the saga's own events.</param>
/// <param name="Action"><c>do</c> or <c>undo</c>.</param>
public sealed record SagaTimelineEntry(DateTimeOffset At, string Event, string? Step, string? Action, string? Detail);

/// <summary>The body of <c>POST /api/orders</c>; null switches are left out of the saga.</summary>
public sealed record OrderRequest(string CustomerId, IReadOnlyList<OrderLine> Items, decimal Amount, string? FailAt, string? StallAt, bool? FlakyCompensation);

/// <summary><c>GET /api/inventory?orderId=</c>: stock per product and that order's reservation record.</summary>
public sealed record InventoryBook(IReadOnlyList<StockLine> Products, ReservationBook? Reservation);

public sealed record StockLine(string ProductId, string Name, long Available, long Reserved);

public sealed record ReservationBook(string OrderId, Dictionary<string, string> Record);

/// <summary><c>GET /api/payments?orderId=</c>: the ledger's totals and that order's payment.</summary>
public sealed record PaymentsBook(PaymentTotalsLine Totals, IReadOnlyList<PaymentLine> Payments);

public sealed record PaymentTotalsLine(long CapturedCount, decimal Captured, long RefundedCount, decimal Refunded, long DeclinedCount);

public sealed record PaymentLine(string OrderId, string Status, decimal Amount, string? CustomerId);
