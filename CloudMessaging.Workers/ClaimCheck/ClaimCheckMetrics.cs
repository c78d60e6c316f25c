using System.Diagnostics.Metrics;

namespace CloudMessaging.Workers.ClaimCheck;

/// <summary>The claim-check meter (<see cref="MeterName"/>): payload bytes fetched by claim check, and claims that failed verification. README "Observability".</summary>
public sealed class ClaimCheckMetrics
{
    public const string MeterName = "CloudMessaging.ClaimCheck";

    private readonly Counter<long> _bytes;
    private readonly Counter<long> _failures;

    public ClaimCheckMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _bytes = meter.CreateCounter<long>("cloudmessaging.claimcheck.bytes", "By", "Payload bytes read back from blob storage and verified, by entity");
        _failures = meter.CreateCounter<long>("cloudmessaging.claimcheck.verification_failures", "{message}", "Claim checks that could not be honoured (hash or length mismatch, missing blob, bad reference), by entity and dead-letter reason");
    }

    public void Verified(string entity, long bytes) => _bytes.Add(bytes, new KeyValuePair<string, object?>("entity", entity));

    public void Failed(string entity, string reason) =>
        _failures.Add(1, new KeyValuePair<string, object?>("entity", entity), new KeyValuePair<string, object?>("reason", reason));
}
