using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Api.Saga;

/// <summary><c>GET /api/payments</c>: the ledger's totals and its latest payments (or one order's payment).</summary>
public sealed record PaymentsView(PaymentTotals Totals, IReadOnlyList<PaymentRecord> Payments);
