using OpenTelemetry;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>An exporter that counts what the SDK hands it and drops it: the broker's cost without a collector's.</summary>
internal sealed class DiscardingExporter<T> : BaseExporter<T>
    where T : class
{
    public long Exported { get; private set; }

    public override ExportResult Export(in Batch<T> batch)
    {
        foreach (var _ in batch)
        {
            Exported++;
        }

        return ExportResult.Success;
    }
}
