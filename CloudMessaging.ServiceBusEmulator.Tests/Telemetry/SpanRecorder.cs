using System.Collections.Concurrent;
using System.Diagnostics;
using CloudMessaging.ServiceBusEmulator.Telemetry;

namespace CloudMessaging.ServiceBusEmulator.Tests.Telemetry;

/// <summary>
/// Records the emulator's finished spans, as an OpenTelemetry SDK would receive them. Other tests' emulators may
/// record too while it listens, so a test reads only the spans of its own trace.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EmulatorTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A producer's context, as the .NET SDK writes it into Diagnostic-Id.</summary>
    public static ActivityContext NewProducerContext() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    public static string TraceParentOf(ActivityContext context) => $"00-{context.TraceId}-{context.SpanId}-01";

    /// <summary>Every span recorded so far, of any trace.</summary>
    public IReadOnlyList<Activity> All => [.. _spans];

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. _spans.Where(s => s.TraceId == traceId)];

    /// <summary>Waits until the trace holds a span named <paramref name="name"/> and returns it.</summary>
    public async Task<Activity> WaitForAsync(ActivityTraceId traceId, string name) =>
        await Eventually.ReturnsAsync(
            () => Task.FromResult(InTrace(traceId).FirstOrDefault(s => s.DisplayName == name)),
            TimeSpan.FromSeconds(10),
            $"a span '{name}' in trace {traceId}; recorded: {string.Join(", ", InTrace(traceId).Select(s => s.DisplayName))}");

    public void Dispose() => _listener.Dispose();
}
