using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Flushes traces, metrics and logs to the OTLP collector when the host stops, within a short budget. Left to
/// disposal, each provider waits up to 5 s on its own, one after the other, and an exporter whose collector is not
/// answering (a dashboard that is not running, a collector that is down) uses all of it: a replica asked to stop
/// then outlives its orchestrator's patience by seconds after its real work has ended. Registered before the
/// pattern services, so it stops last and also ships the spans of their shutdown.
/// </summary>
internal sealed class TelemetryFlushOnStop(IServiceProvider services) : IHostedService
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var milliseconds = (int)Budget.TotalMilliseconds;
        var tracer = services.GetService<TracerProvider>();
        var meter = services.GetService<MeterProvider>();
        var logger = services.GetService<LoggerProvider>();

        // In parallel, so the budget bounds the whole flush rather than each provider's share of it. Shutdown is
        // synchronous (it waits on the exporter thread), hence the thread-pool hop; disposal later finds them done.
        var flush = Task.WhenAll(
            Task.Run(() => tracer?.Shutdown(milliseconds), CancellationToken.None),
            Task.Run(() => meter?.Shutdown(milliseconds), CancellationToken.None),
            Task.Run(() => logger?.Shutdown(milliseconds), CancellationToken.None));
        try
        {
            await flush.WaitAsync(Budget + Budget, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Telemetry that did not make it out in time is given up; stopping promptly matters more.
        }
    }
}
