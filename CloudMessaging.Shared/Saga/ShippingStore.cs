using StackExchange.Redis;

namespace CloudMessaging.Shared.Saga;

/// <summary>The shipping participant's database (key space <c>saga:shipping:</c>): one shipment per order.</summary>
public sealed class ShippingStore(IConnectionMultiplexer redis, TimeProvider time) : ParticipantStore(redis)
{
    public const string Scheduled = "Scheduled";
    public const string Cancelled = "Cancelled";
    public const string Rejected = "Rejected";

    protected override string RecordKey(string orderId) => $"saga:shipping:{orderId}";

    public Task<ParticipantResult> ScheduleAsync(string orderId, bool simulateImpossible) =>
        TransactAsync(orderId, (status, transaction) =>
        {
            var result = status switch
            {
                Scheduled => ParticipantResult.Unchanged(StepOutcome.Succeeded, "already scheduled"),
                Cancelled => ParticipantResult.Unchanged(StepOutcome.Refused, "the shipment was already cancelled"),
                Rejected => ParticipantResult.Unchanged(StepOutcome.Failed, "already rejected"),
                _ when simulateImpossible => ParticipantResult.Changed(StepOutcome.Failed, "no carrier serves the address (simulated)"),
                _ => ParticipantResult.Changed(StepOutcome.Succeeded),
            };

            if (result.Commit)
            {
                var shipped = result.Outcome == StepOutcome.Succeeded;
                _ = transaction.HashSetAsync(RecordKey(orderId),
                [
                    new(StatusField, shipped ? Scheduled : Rejected),
                    new("trackingId", shipped ? $"TRK-{orderId[..Math.Min(12, orderId.Length)].ToUpperInvariant()}" : string.Empty),
                    new("at", Now(time)),
                ]);
            }

            return Task.FromResult(result);
        }, r => r.Commit);

    /// <summary>Cancels the shipment; with none yet, leaves a tombstone so a late scheduling is refused.</summary>
    public Task<ParticipantResult> CancelAsync(string orderId) =>
        TransactAsync(orderId, (status, transaction) =>
        {
            var result = status switch
            {
                Cancelled => ParticipantResult.Unchanged(StepOutcome.Compensated, "already cancelled"),
                Rejected => ParticipantResult.Unchanged(StepOutcome.Compensated, "nothing was scheduled"),
                _ => ParticipantResult.Changed(StepOutcome.Compensated, status is null ? "nothing was scheduled yet" : null),
            };

            if (result.Commit)
            {
                _ = transaction.HashSetAsync(RecordKey(orderId), [new(StatusField, Cancelled), new("cancelledAt", Now(time))]);
            }

            return Task.FromResult(result);
        }, r => r.Commit);
}
