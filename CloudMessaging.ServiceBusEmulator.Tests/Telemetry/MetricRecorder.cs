using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CloudMessaging.ServiceBusEmulator.Tests.Telemetry;

/// <summary>
/// Listens to one meter (one emulator's or one entity's), as an OpenTelemetry SDK would: counters are summed per
/// instrument and entity; observed instruments are read on <see cref="Observe"/>.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly ConcurrentDictionary<(string Instrument, string? Entity), long> _sums = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _observed = new();
    private readonly MeterListener _listener = new();

    public MetricRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The counter's total for the entity (0 when nothing was counted).</summary>
    public long Sum(string instrument, string entity) => _sums.GetValueOrDefault((instrument, entity));

    /// <summary>Reads every observed instrument now; returns the value each reported for <paramref name="tag"/>.</summary>
    public long Observe(string instrument, string? tag)
    {
        _observed.Clear();
        _listener.RecordObservableInstruments();
        return _observed.GetValueOrDefault((instrument, tag));
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tag = tags.Length > 0 ? tags[0].Value as string : null;
        if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
        {
            _observed[(instrument.Name, tag)] = value;
        }
        else
        {
            _sums.AddOrUpdate((instrument.Name, tag), value, (_, sum) => sum + value);
        }
    }
}
