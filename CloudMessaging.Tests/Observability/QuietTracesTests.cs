namespace CloudMessaging.Tests.Observability;

/// <summary>
/// Idle, the apps start almost no traces: their background passes (three replicas' escalators peeking every half
/// second in this AppHost, the claim-check sweeper, health checks) are sampled away, so the dashboard's traces are
/// the request-driven ones. Before, an idle minute left hundreds of peek traces (issue 22).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class QuietTracesTests(TelemetryAppHostFixture fixture)
{
    private const int MostRootTraces = 10;

    // The measure: what one idle minute leaves on the dashboard. This is the measured span, not a wait for a condition.
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_idle_minute_starts_at_most_ten_traces()
    {
        var receiver = fixture.Receiver;
        await Eventually.HoldsAsync(
            () => receiver.MetricPoints.Any(p => p.Service.IsApi()) && receiver.MetricPoints.Any(p => p.Service.IsWorker()),
            TimeSpan.FromMinutes(1),
            "both apps to export telemetry to the test's receiver");

        var from = DateTimeOffset.UtcNow;
        await Task.Delay(IdleWindow);
        var to = DateTimeOffset.UtcNow;

        // Spans started in the window reach the receiver within an export interval (500 ms here); a few metric
        // exports (every second, from every process) after the window show the exporters have gone round since.
        var exportsAtEnd = receiver.MetricExports;
        await Eventually.HoldsAsync(() => receiver.MetricExports >= exportsAtEnd + 12, TimeSpan.FromMinutes(1), "three more metric exports from each of the four processes");

        var roots = receiver.Spans.Where(s => s.IsRoot && s.Start >= from && s.Start <= to).ToList();
        var traces = roots.Select(s => s.TraceId).Distinct().Count();
        var byName = string.Join("; ", roots.GroupBy(s => $"{s.Service} {s.Name}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
        Assert.True(traces <= MostRootTraces, $"{traces} root traces in an idle {IdleWindow.TotalSeconds:0} s (at most {MostRootTraces}): {byName}");
    }
}
