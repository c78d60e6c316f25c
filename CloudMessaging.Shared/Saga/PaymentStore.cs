using System.Globalization;
using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The payment participant's database (key space <c>saga:payments:</c>): one payment record per order and running
/// totals. Amounts are kept in cents so that totals add up exactly.
/// </summary>
public sealed class PaymentStore(IConnectionMultiplexer redis, TimeProvider time) : ParticipantStore(redis)
{
    public const string Captured = "Captured";
    public const string Refunded = "Refunded";
    public const string Declined = "Declined";
    public const string Voided = "Voided";

    private const string AmountCentsField = "amountCents";
    private const int RecentLength = 100;

    private static readonly RedisKey TotalsKey = "saga:payments:totals";
    private static readonly RedisKey RecentKey = "saga:payments:recent";

    protected override string RecordKey(string orderId) => $"saga:payments:{orderId}";

    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);

    public Task<ParticipantResult> ChargeAsync(string orderId, string customerId, decimal amount, bool simulateDecline) =>
        TransactAsync(orderId, (status, transaction) =>
        {
            var key = RecordKey(orderId);
            var result = status switch
            {
                Captured => ParticipantResult.Unchanged(StepOutcome.Succeeded, "already captured"),
                Refunded or Voided => ParticipantResult.Unchanged(StepOutcome.Refused, "the payment was already cancelled"),
                Declined => ParticipantResult.Unchanged(StepOutcome.Failed, "already declined"),
                _ when simulateDecline => ParticipantResult.Changed(StepOutcome.Failed, "card declined (simulated)"),
                _ => ParticipantResult.Changed(StepOutcome.Succeeded),
            };

            if (result.Commit)
            {
                var cents = ToCents(amount);
                var captured = result.Outcome == StepOutcome.Succeeded;
                _ = transaction.HashSetAsync(key,
                [
                    new(StatusField, captured ? Captured : Declined),
                    new(AmountCentsField, cents),
                    new("customerId", customerId),
                    new("at", Now(time)),
                ]);
                if (captured)
                {
                    _ = transaction.HashIncrementAsync(TotalsKey, "capturedCents", cents);
                    _ = transaction.HashIncrementAsync(TotalsKey, "capturedCount", 1);
                }
                else
                {
                    _ = transaction.HashIncrementAsync(TotalsKey, "declinedCount", 1);
                }

                _ = transaction.ListLeftPushAsync(RecentKey, orderId);
                _ = transaction.ListTrimAsync(RecentKey, 0, RecentLength - 1);
            }

            return Task.FromResult(result);
        }, r => r.Commit);

    /// <summary>Refunds a captured payment; with none yet, voids the order so a late charge is refused.</summary>
    public Task<ParticipantResult> RefundAsync(string orderId) =>
        TransactAsync(orderId, async (status, transaction) =>
        {
            var key = RecordKey(orderId);
            switch (status)
            {
                case Refunded or Voided: return ParticipantResult.Unchanged(StepOutcome.Compensated, "already refunded");
                case Declined: return ParticipantResult.Unchanged(StepOutcome.Compensated, "nothing was charged");
                case null:
                    _ = transaction.HashSetAsync(key, [new(StatusField, Voided), new("at", Now(time))]);
                    return ParticipantResult.Changed(StepOutcome.Compensated, "nothing was charged yet");
            }

            var cents = (long)await Database.HashGetAsync(key, AmountCentsField);
            _ = transaction.HashSetAsync(key, [new(StatusField, Refunded), new("refundedAt", Now(time))]);
            _ = transaction.HashDecrementAsync(TotalsKey, "capturedCents", cents);
            _ = transaction.HashDecrementAsync(TotalsKey, "capturedCount", 1);
            _ = transaction.HashIncrementAsync(TotalsKey, "refundedCents", cents);
            _ = transaction.HashIncrementAsync(TotalsKey, "refundedCount", 1);
            return ParticipantResult.Changed(StepOutcome.Compensated);
        }, r => r.Commit);

    public async Task<PaymentTotals> GetTotalsAsync()
    {
        var totals = HashFields.Counts(await Database.HashGetAllAsync(TotalsKey));
        return new PaymentTotals(
            totals.GetValueOrDefault("capturedCount"),
            totals.GetValueOrDefault("capturedCents") / 100m,
            totals.GetValueOrDefault("refundedCount"),
            totals.GetValueOrDefault("refundedCents") / 100m,
            totals.GetValueOrDefault("declinedCount"));
    }

    public async Task<PaymentRecord?> GetPaymentAsync(string orderId) =>
        await GetRecordAsync(orderId) is { } record
            ? new PaymentRecord(
                orderId,
                record[StatusField],
                record.TryGetValue(AmountCentsField, out var cents) ? long.Parse(cents, CultureInfo.InvariantCulture) / 100m : 0m,
                record.GetValueOrDefault("customerId"))
            : null;

    public async Task<IReadOnlyList<PaymentRecord>> GetRecentAsync()
    {
        var orderIds = await Database.ListRangeAsync(RecentKey, 0, RecentLength - 1);
        var payments = new List<PaymentRecord>(orderIds.Length);
        foreach (var orderId in orderIds)
        {
            if (await GetPaymentAsync(orderId!) is { } payment)
            {
                payments.Add(payment);
            }
        }

        return payments;
    }
}
