using System.Diagnostics;
using System.Globalization;
using CloudMessaging.ServiceBusEmulator.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// <c>queue-baseline --telemetry</c>: the queue scenario on one in-process emulator with its telemetry off, then on
/// (the OpenTelemetry SDK listening to its spans and meter, batching spans and collecting metrics every second into
/// an exporter that drops them), alternating which goes first. Every message carries a Diagnostic-Id in both, so
/// with telemetry on each one makes a send and a complete span. Prints both and the ratio on/off.
/// </summary>
internal static class TelemetryCostScenario
{
    public static async Task RunAsync(BenchArguments arguments)
    {
        Console.WriteLine($"queue-baseline --telemetry: {arguments.Messages:N0} x 1 KB with a Diagnostic-Id, batches of {arguments.BatchSize}, {arguments.Concurrency} sender(s)/receiver(s), prefetch {arguments.Prefetch}, {arguments.Repeat} run(s); emulator telemetry off vs on");
        await using var emulator = await QueueScenario.StartEmulatorAsync(arguments with { Repeat = arguments.Repeat * 2 + 1 });
        await using var clients = new ServiceBusClients(emulator!.ConnectionString, arguments.Connections);
        var traced = arguments with { Traced = true };
        await QueueScenario.RunOnceAsync(clients, "bench-0", traced with { Messages = QueueScenario.WarmupMessages }, run: 0, print: false);

        var off = new List<(double Send, double Receive)>();
        var on = new List<(double Send, double Receive)>();
        long spans = 0;
        var queue = 0;
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            async Task MeasureOffAsync() => off.Add(await QueueScenario.RunOnceAsync(clients, $"bench-{++queue}", traced, run, print: false));
            async Task MeasureOnAsync()
            {
                var spanExporter = new DiscardingExporter<Activity>();
                using (Sdk.CreateTracerProviderBuilder().AddSource(EmulatorTelemetry.Name).AddProcessor(new BatchActivityExportProcessor(spanExporter)).Build())
                using (Sdk.CreateMeterProviderBuilder().AddMeter(EmulatorTelemetry.Name)
                    .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter<Metric>(), exportIntervalMilliseconds: 1000)).Build())
                {
                    on.Add(await QueueScenario.RunOnceAsync(clients, $"bench-{++queue}", traced, run, print: false));
                }

                spans += spanExporter.Exported;
            }

            if (run % 2 == 1)
            {
                await MeasureOffAsync();
                await MeasureOnAsync();
            }
            else
            {
                await MeasureOnAsync();
                await MeasureOffAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: off send {off[^1].Send,9:N0}  receive+complete {off[^1].Receive,7:N0} msg/s | on send {on[^1].Send,9:N0}  receive+complete {on[^1].Receive,7:N0} msg/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spans exported with telemetry on: {spans:N0} ({spans / (double)(arguments.Messages * arguments.Repeat):N2} per message)"));
        Report("send", on.Select(r => r.Send), off.Select(r => r.Send));
        Report("receive+complete", on.Select(r => r.Receive), off.Select(r => r.Receive));
    }

    private static void Report(string label, IEnumerable<double> on, IEnumerable<double> off)
    {
        var onMedian = Figures.Median(on);
        var offMedian = Figures.Median(off);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-18} median off {offMedian,9:N0} msg/s, on {onMedian,9:N0} msg/s, ratio on/off {onMedian / offMedian:N2}"));
    }
}
