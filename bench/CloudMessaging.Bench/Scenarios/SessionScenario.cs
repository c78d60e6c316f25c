using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// A session processor over 100 sessions of 1 KB messages (sent in batches of 100, one batch per session), with
/// MaxConcurrentSessions = 8; prints the end-to-end processing rate beside the queue scenario's.
/// </summary>
internal static class SessionScenario
{
    private const int Sessions = 100;

    public static async Task RunAsync(BenchArguments arguments)
    {
        var perSession = Math.Max(1, arguments.Messages / Sessions);
        Console.WriteLine($"sessions: {Sessions} sessions x {perSession} x 1 KB, session processor with 8 concurrent sessions, prefetch 100, {arguments.Repeat} run(s)");
        await using var emulator = await ServiceBusEmulator.ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            Topology = new EmulatorTopology
            {
                Queues = [.. Enumerable.Range(0, arguments.Repeat + 1).Select(i => new QueueDefinition { Name = $"sessions-{i}", RequiresSession = true })],
            },
        });
        await using var client = new ServiceBusClient(emulator.ConnectionString);

        await RunOnceAsync(client, "sessions-0", 10, run: 0, print: false);
        var rates = new List<double>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            rates.Add(await RunOnceAsync(client, $"sessions-{run}", perSession, run, print: true));
        }

        Figures.PrintMedian("session processor", rates);
    }

    private static async Task<double> RunOnceAsync(ServiceBusClient client, string queue, int perSession, int run, bool print)
    {
        var body = new BinaryData(new byte[1024]);
        await using (var sender = client.CreateSender(queue))
        {
            for (var s = 0; s < Sessions; s++)
            {
                for (var sent = 0; sent < perSession; sent += 100)
                {
                    await sender.SendMessagesAsync(Enumerable.Range(0, Math.Min(100, perSession - sent)).Select(_ => new ServiceBusMessage(body) { SessionId = $"s{s}" }));
                }
            }
        }

        var expected = Sessions * perSession;
        var processed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var processor = client.CreateSessionProcessor(queue, new ServiceBusSessionProcessorOptions
        {
            MaxConcurrentSessions = 8,
            PrefetchCount = 100,
            SessionIdleTimeout = TimeSpan.FromMilliseconds(200),
        });
        processor.ProcessMessageAsync += _ =>
        {
            if (Interlocked.Increment(ref processed) == expected)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += args =>
        {
            Console.Error.WriteLine($"  error: {args.Exception.Message}");
            return Task.CompletedTask;
        };

        var stopwatch = Stopwatch.StartNew();
        await processor.StartProcessingAsync();
        await done.Task;
        var elapsed = stopwatch.Elapsed;
        await processor.StopProcessingAsync();
        if (print)
        {
            Figures.PrintRun("session processor", run, expected, elapsed);
        }

        return expected / elapsed.TotalSeconds;
    }
}
