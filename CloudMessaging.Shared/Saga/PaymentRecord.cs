namespace CloudMessaging.Shared.Saga;

/// <summary>One order's payment: Captured, Refunded, Declined, or Voided (cancelled before any charge).</summary>
public sealed record PaymentRecord(string OrderId, string Status, decimal Amount, string? CustomerId);
