namespace CloudMessaging.Shared.Saga;

/// <summary>The payment ledger's totals. Captured is net of refunds: what customers are charged now.</summary>
public sealed record PaymentTotals(long CapturedCount, decimal Captured, long RefundedCount, decimal Refunded, long DeclinedCount);
