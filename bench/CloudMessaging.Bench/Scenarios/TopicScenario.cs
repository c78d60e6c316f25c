using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// Fan-out of 1 KB messages through one topic to 5 subscriptions of the in-process emulator over TCP with the
/// official SDK: three take everything, two select with SQL filters (about a third and 40 % of the messages).
/// Publish in batches of 100 first (messages published/s), then drain every subscription in parallel with
/// prefetch and complete each copy (copies delivered/s).
/// </summary>
internal static class TopicScenario
{
    private static readonly string[] Regions = ["eu", "us", "asia"];

    public static async Task RunAsync(BenchArguments arguments)
    {
        Console.WriteLine($"topic: {arguments.Messages:N0} x 1 KB to 5 subscriptions (2 SQL-filtered), batches of {arguments.BatchSize}, {arguments.Concurrency} sender(s), prefetch {arguments.Prefetch}, {arguments.Repeat} run(s)");
        await using var emulator = await ServiceBusEmulator.ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            Topology = new EmulatorTopology { Topics = [.. Enumerable.Range(0, arguments.Repeat + 1).Select(i => Topic($"bench-{i}"))] },
        });
        await using var client = new ServiceBusClient(emulator.ConnectionString);

        // Warm-up on its own topic: JIT, links, CBS, the SQL evaluator.
        await RunOnceAsync(client, "bench-0", arguments with { Messages = 2_000 }, run: 0, print: false);

        var publishRates = new List<double>();
        var deliveryRates = new List<double>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            var (publish, deliver) = await RunOnceAsync(client, $"bench-{run}", arguments, run, print: true);
            publishRates.Add(publish);
            deliveryRates.Add(deliver);
        }

        Figures.PrintMedian("published", publishRates);
        Figures.PrintMedian("copies delivered", deliveryRates);
    }

    private static TopicDefinition Topic(string name) => new()
    {
        Name = name,
        Subscriptions =
        [
            new SubscriptionDefinition { Name = "all-1" },
            new SubscriptionDefinition { Name = "all-2" },
            new SubscriptionDefinition { Name = "all-3" },
            Sql("eu", "region = 'eu'"),
            Sql("urgent", "priority > 5 AND sys.Label LIKE 'order%'"),
        ],
    };

    private static SubscriptionDefinition Sql(string name, string expression) => new()
    {
        Name = name,
        Rules = [new RuleDefinition { Name = name, Filter = new SqlFilterDefinition(expression) }],
    };

    private static int ExpectedCopies(int messages)
    {
        var copies = 0;
        for (var i = 0; i < messages; i++)
        {
            copies += 3 + (Regions[i % Regions.Length] == "eu" ? 1 : 0) + (i % 10 > 5 ? 1 : 0);
        }

        return copies;
    }

    private static async Task<(double Publish, double Deliver)> RunOnceAsync(ServiceBusClient client, string topic, BenchArguments arguments, int run, bool print)
    {
        var body = new BinaryData(new byte[1024]);
        var batches = arguments.Messages / arguments.BatchSize;
        var nextBatch = 0;
        var senders = Enumerable.Range(0, arguments.Concurrency).Select(_ => client.CreateSender(topic)).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(senders.Select(async sender =>
        {
            var messages = new ServiceBusMessage[arguments.BatchSize];
            int batch;
            while ((batch = Interlocked.Increment(ref nextBatch)) <= batches)
            {
                for (var i = 0; i < messages.Length; i++)
                {
                    var index = (batch - 1) * arguments.BatchSize + i;
                    messages[i] = new ServiceBusMessage(body)
                    {
                        Subject = "order-placed",
                        ApplicationProperties = { ["region"] = Regions[index % Regions.Length], ["priority"] = index % 10 },
                    };
                }

                await sender.SendMessagesAsync(messages);
            }
        }));
        var publishElapsed = stopwatch.Elapsed;
        var published = batches * arguments.BatchSize;
        foreach (var sender in senders)
        {
            await sender.DisposeAsync();
        }

        stopwatch.Restart();
        var subscriptions = new[] { "all-1", "all-2", "all-3", "eu", "urgent" };
        var expected = ExpectedCopies(published);
        var delivered = 0;
        await Task.WhenAll(subscriptions.Select(subscription => DrainAsync(client, topic, subscription, arguments, () => Volatile.Read(ref delivered) >= expected, count => Interlocked.Add(ref delivered, count))));
        var deliverElapsed = stopwatch.Elapsed;

        if (print)
        {
            Figures.PrintRun("published", run, published, publishElapsed);
            Figures.PrintRun("copies delivered", run, delivered, deliverElapsed);
        }

        return (published / publishElapsed.TotalSeconds, delivered / deliverElapsed.TotalSeconds);
    }

    // One receiver per subscription; the SDK settles one message per call, so completions go out concurrently.
    private static async Task DrainAsync(ServiceBusClient client, string topic, string subscription, BenchArguments arguments, Func<bool> allDelivered, Action<int> onDelivered)
    {
        await using var receiver = client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { PrefetchCount = arguments.Prefetch });
        while (!allDelivered())
        {
            var messages = await receiver.ReceiveMessagesAsync(500, TimeSpan.FromMilliseconds(200));
            foreach (var chunk in messages.Chunk(arguments.CompleteChunk))
            {
                await Task.WhenAll(chunk.Select(m => receiver.CompleteMessageAsync(m)));
            }

            onDelivered(messages.Count);
        }
    }
}
