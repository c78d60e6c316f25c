using System.Diagnostics;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// Competing consumers: the same backlog drained by 1 and by 3 consumers whose handler waits 20 ms on (simulated)
/// I/O. Each consumer stands in for a worker replica: its own ServiceBusClient (its own AMQP connection) and a
/// processor with the workers' defaults (MaxConcurrentCalls 8, no prefetch). Consumers and the emulator share this
/// process rather than running as separate replicas; the handler's time is waiting, not CPU, so that changes little.
/// </summary>
internal static class CompetingConsumersScenario
{
    private const int HandlerMilliseconds = 20;

    private const int ConcurrencyPerConsumer = 8;

    private static readonly int[] ConsumerCounts = [1, 3];

    public static async Task RunAsync(BenchArguments arguments)
    {
        // A 20 ms handler makes 100,000 messages (the harness default) take minutes; 3,000 is plenty for a rate.
        var messages = Math.Min(arguments.Messages, 3_000);
        Console.WriteLine($"competing: {messages:N0} x 1 KB per run, handler waits {HandlerMilliseconds} ms, {ConcurrencyPerConsumer} concurrent calls per consumer, consumers {string.Join(" and ", ConsumerCounts)}, {arguments.Repeat} run(s)");
        await using var emulator = await ServiceBusEmulator.ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            Topology = new EmulatorTopology
            {
                Queues = [.. ConsumerCounts.SelectMany(c => Enumerable.Range(0, arguments.Repeat + 1).Select(run => new QueueDefinition { Name = QueueName(c, run) }))],
            },
        });

        var medians = new Dictionary<int, double>();
        foreach (var consumers in ConsumerCounts)
        {
            await RunOnceAsync(emulator.ConnectionString, QueueName(consumers, 0), 200, consumers);
            var rates = new List<double>();
            for (var run = 1; run <= arguments.Repeat; run++)
            {
                var elapsed = await RunOnceAsync(emulator.ConnectionString, QueueName(consumers, run), messages, consumers);
                Figures.PrintRun($"{consumers} consumer(s)", run, messages, elapsed);
                rates.Add(messages / elapsed.TotalSeconds);
            }

            Figures.PrintMedian($"{consumers} consumer(s)", rates);
            medians[consumers] = rates.Order().ElementAt(rates.Count / 2);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio 3 consumers / 1 consumer: {medians[3] / medians[1]:N2} (ideal 3.00)"));
    }

    private static string QueueName(int consumers, int run) => $"competing-{consumers}-{run}";

    private static async Task<TimeSpan> RunOnceAsync(string connectionString, string queue, int messages, int consumers)
    {
        var body = new BinaryData(new byte[1024]);
        await using (var client = new ServiceBusClient(connectionString))
        await using (var sender = client.CreateSender(queue))
        {
            for (var sent = 0; sent < messages; sent += 100)
            {
                await sender.SendMessagesAsync(Enumerable.Range(sent, Math.Min(100, messages - sent)).Select(n => new ServiceBusMessage(body) { MessageId = n.ToString(CultureInfo.InvariantCulture) }));
            }
        }

        var processed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, consumers).Select(_ => new ServiceBusClient(connectionString)).ToList();
        var processors = clients.Select(client => client.CreateProcessor(queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = ConcurrencyPerConsumer, PrefetchCount = 0 })).ToList();
        foreach (var processor in processors)
        {
            processor.ProcessMessageAsync += async _ =>
            {
                await Task.Delay(HandlerMilliseconds);
                if (Interlocked.Increment(ref processed) == messages)
                {
                    done.TrySetResult();
                }
            };
            processor.ProcessErrorAsync += args =>
            {
                Console.Error.WriteLine($"  error: {args.Exception.Message}");
                return Task.CompletedTask;
            };
        }

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(processors.Select(p => p.StartProcessingAsync()));
        await done.Task;
        var elapsed = stopwatch.Elapsed;
        foreach (var processor in processors)
        {
            await processor.StopProcessingAsync();
            await processor.DisposeAsync();
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        return elapsed;
    }
}
