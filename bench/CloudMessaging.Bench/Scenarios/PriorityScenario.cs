using System.Diagnostics;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// The priority queue's promise, measured: how long a high-priority task waits in its queue (send to start of its
/// handler) when the system is idle, and when 10,000 low-priority tasks are queued and being worked through at the
/// same time. Three queues on the in-process emulator over TCP, one dedicated processor per queue with the
/// workers' default concurrency (8 / 4 / 1, one replica), no prefetch; every task simulates 5 ms of work. High
/// tasks arrive one at a time at a steady 100 per second, as API calls would. The figure is the p99 ratio
/// (backlog / idle); the design aims for 2 or less.
/// </summary>
/// <remarks>
/// Redis bookkeeping and escalation are left out (no Redis here): this isolates what the topology gives, separate
/// queues and dedicated consumers. With ageing on, old low tasks also reach the high queue, at most
/// EscalationBatchSize per replica per EscalationInterval.
/// </remarks>
internal static class PriorityScenario
{
    private static readonly TimeSpan WorkTime = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan HighInterval = TimeSpan.FromMilliseconds(10);
    private const string SentAt = "sent-at";

    public static async Task RunAsync(BenchArguments arguments)
    {
        Console.WriteLine($"priority: {arguments.High:N0} high tasks at 100/s, idle vs behind {arguments.Backlog:N0} low tasks; concurrency 8/4/1, {WorkTime.TotalMilliseconds} ms work, {arguments.Repeat} run(s)");
        string[] levels = ["high", "normal", "low"];
        await using var emulator = await ServiceBusEmulator.ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            Topology = new EmulatorTopology
            {
                Queues = [.. Enumerable.Range(0, 2 * arguments.Repeat + 1).SelectMany(run => levels.Select(level => new QueueDefinition { Name = $"tasks-{level}-{run}" }))],
            },
        });
        await using var client = new ServiceBusClient(emulator.ConnectionString);

        // Warm-up: JIT, links, CBS.
        await RunOnceAsync(client, 0, highTasks: 200, backlog: 0);

        var ratios = new List<double>();
        var idleP99s = new List<double>();
        var loadedP99s = new List<double>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            var idle = await RunOnceAsync(client, 2 * run - 1, arguments.High, backlog: 0);
            Print(run, "idle", idle);
            var loaded = await RunOnceAsync(client, 2 * run, arguments.High, arguments.Backlog);
            Print(run, $"{arguments.Backlog:N0} low backlog", loaded);
            var ratio = Percentile(loaded.Waits, 0.99) / Math.Max(Percentile(idle.Waits, 0.99), 0.001);
            ratios.Add(ratio);
            idleP99s.Add(Percentile(idle.Waits, 0.99));
            loadedP99s.Add(Percentile(loaded.Waits, 0.99));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}: high p99 ratio backlog/idle {ratio:N2} (low tasks done meanwhile: {loaded.LowDone:N0})"));
        }

        // On a shared machine single p99s are noisy (a few ms of scheduling delay dominate), so the closing figure
        // compares the medians of the runs' p99s.
        var idleMedian = Figures.Median(idleP99s);
        var loadedMedian = Figures.Median(loadedP99s);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"high wait p99, median over {ratios.Count} run(s): idle {idleMedian:N1} ms, with backlog {loadedMedian:N1} ms, ratio {loadedMedian / Math.Max(idleMedian, 0.001):N2} (median of per-run ratios {Figures.Median(ratios):N2}); aim <= 2"));
    }

    private sealed record RunResult(double[] Waits, int LowDone);

    private static async Task<RunResult> RunOnceAsync(ServiceBusClient client, int run, int highTasks, int backlog)
    {
        var body = new BinaryData(new byte[256]);
        if (backlog > 0)
        {
            await using var lowSender = client.CreateSender($"tasks-low-{run}");
            foreach (var chunk in Enumerable.Range(0, backlog).Chunk(100))
            {
                await lowSender.SendMessagesAsync(chunk.Select(_ => new ServiceBusMessage(body)));
            }
        }

        var waits = new double[highTasks];
        var highDone = 0;
        var lowDone = 0;
        var allHighDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var processors = new List<ServiceBusProcessor>();
        foreach (var (level, concurrency) in new[] { ("high", 8), ("normal", 4), ("low", 1) })
        {
            var processor = client.CreateProcessor($"tasks-{level}-{run}", new ServiceBusProcessorOptions { MaxConcurrentCalls = concurrency, PrefetchCount = 0 });
            processor.ProcessMessageAsync += async args =>
            {
                if (level == "high")
                {
                    var wait = Stopwatch.GetElapsedTime((long)args.Message.ApplicationProperties[SentAt]).TotalMilliseconds;
                    var index = Interlocked.Increment(ref highDone) - 1;
                    waits[index] = wait;
                    await Task.Delay(WorkTime);
                    if (index == highTasks - 1)
                    {
                        allHighDone.TrySetResult();
                    }
                }
                else
                {
                    await Task.Delay(WorkTime);
                    Interlocked.Increment(ref lowDone);
                }
            };
            processor.ProcessErrorAsync += args =>
            {
                Console.Error.WriteLine($"  {level}: {args.Exception.Message}");
                return Task.CompletedTask;
            };
            await processor.StartProcessingAsync();
            processors.Add(processor);
        }

        // High tasks arrive on a steady clock, one message per send, like independent API calls.
        await using (var highSender = client.CreateSender($"tasks-high-{run}"))
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < highTasks; i++)
            {
                var due = HighInterval * i - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                await highSender.SendMessageAsync(new ServiceBusMessage(body) { ApplicationProperties = { [SentAt] = Stopwatch.GetTimestamp() } });
            }

            await allHighDone.Task.WaitAsync(TimeSpan.FromMinutes(5));
        }

        var lowDoneDuringRun = Volatile.Read(ref lowDone);
        foreach (var processor in processors)
        {
            await processor.StopProcessingAsync();
            await processor.DisposeAsync();
        }

        return new RunResult(waits, lowDoneDuringRun);
    }

    private static void Print(int run, string label, RunResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  run {run}: {label,-20} high wait p50 {Percentile(result.Waits, 0.50),7:N1} ms  p95 {Percentile(result.Waits, 0.95),7:N1} ms  p99 {Percentile(result.Waits, 0.99),7:N1} ms"));

    private static double Percentile(double[] values, double fraction) => Figures.Percentile([.. values.Order()], fraction * 100);
}
