using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// 1 KB messages through one queue of the in-process emulator over TCP with the official SDK: send in batches of
/// 100 (a few senders in parallel), then receive with prefetch and complete every message.
/// </summary>
internal static class QueueScenario
{
    public const int WarmupMessages = 20_000;

    /// <summary>
    /// In-process by default; <c>--connection-string</c> points at an emulator (or a namespace) in its own process,
    /// which is how a broker is measured against its clients: separate processes sharing the machine. Queues
    /// <c>bench-0</c> (warm-up) to <c>bench-{repeat}</c>. With <paramref name="dataDirectory"/> the namespace is durable.
    /// </summary>
    public static async Task<ServiceBusEmulator.ServiceBusEmulator?> StartEmulatorAsync(BenchArguments arguments, string? dataDirectory = null) =>
        arguments.ConnectionString is null
            ? await ServiceBusEmulator.ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
            {
                Port = 0,
                Topology = new EmulatorTopology { Queues = [.. Enumerable.Range(0, arguments.Repeat + 1).Select(i => new QueueDefinition { Name = $"bench-{i}" })] },
                DataDirectory = dataDirectory,
            })
            : null;

    public static async Task RunAsync(BenchArguments arguments)
    {
        Console.WriteLine($"queue: {arguments.Messages:N0} x 1 KB, batches of {arguments.BatchSize}, {arguments.Concurrency} sender(s)/receiver(s) on {arguments.Connections} connection(s), prefetch {arguments.Prefetch}, {arguments.Repeat} run(s), emulator {(arguments.ConnectionString is null ? "in-process" : "external")}");
        await using var emulator = await StartEmulatorAsync(arguments);
        await using var clients = new ServiceBusClients(arguments.ConnectionString ?? emulator!.ConnectionString, arguments.Connections);

        // Warm-up on its own queue: JIT (long enough for the hot paths to reach tier 1), links, CBS.
        await RunOnceAsync(clients, "bench-0", arguments with { Messages = WarmupMessages }, run: 0, print: false);

        var sendRates = new List<double>();
        var receiveRates = new List<double>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            var (send, receive) = await RunOnceAsync(clients, $"bench-{run}", arguments, run, print: true);
            sendRates.Add(send);
            receiveRates.Add(receive);
        }

        Figures.PrintMedian("send", sendRates);
        Figures.PrintMedian("receive+complete", receiveRates);
    }

    // Receive up to 500 at a time and complete them concurrently: the SDK settles one message per call.
    private static async Task<int> ReceiveInBatchesAsync(ServiceBusClients clients, string queue, int expected, BenchArguments arguments)
    {
        var received = 0;
        var receivers = Enumerable.Range(0, arguments.Concurrency)
            .Select(i => clients.For(i).CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = arguments.Prefetch / arguments.Concurrency }))
            .ToList();
        await Task.WhenAll(receivers.Select(async receiver =>
        {
            while (Volatile.Read(ref received) < expected)
            {
                var messages = await receiver.ReceiveMessagesAsync(500, TimeSpan.FromMilliseconds(200));
                if (messages.Count == 0)
                {
                    continue;
                }

                foreach (var chunk in messages.Chunk(arguments.CompleteChunk))
                {
                    await Task.WhenAll(chunk.Select(m => receiver.CompleteMessageAsync(m)));
                }

                Interlocked.Add(ref received, messages.Count);
            }
        }));
        foreach (var receiver in receivers)
        {
            await receiver.DisposeAsync();
        }

        return received;
    }

    // The idiomatic consumer: a processor that completes each message after its handler returns.
    private static async Task<int> ReceiveWithProcessorAsync(ServiceBusClients clients, string queue, int expected, BenchArguments arguments)
    {
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var processor = clients.For(0).CreateProcessor(queue, new ServiceBusProcessorOptions
        {
            PrefetchCount = arguments.Prefetch,
            MaxConcurrentCalls = arguments.Concurrency,
            AutoCompleteMessages = true,
        });
        processor.ProcessMessageAsync += _ =>
        {
            if (Interlocked.Increment(ref received) == expected)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += args =>
        {
            done.TrySetException(args.Exception);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync();
        await done.Task;
        await processor.StopProcessingAsync();
        return received;
    }

    public static async Task<(double Send, double Receive)> RunOnceAsync(ServiceBusClients clients, string queue, BenchArguments arguments, int run, bool print)
    {
        var body = new BinaryData(new byte[1024]);
        var batches = arguments.Messages / arguments.BatchSize;
        var nextBatch = 0;
        var senders = Enumerable.Range(0, arguments.Concurrency).Select(i => clients.For(i).CreateSender(queue)).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(senders.Select(async sender =>
        {
            var messages = new ServiceBusMessage[arguments.BatchSize];
            while (Interlocked.Increment(ref nextBatch) <= batches)
            {
                // Traced: one trace per batch, as a producer sending inside a traced request would.
                var traceParent = arguments.Traced ? $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01" : null;
                for (var i = 0; i < messages.Length; i++)
                {
                    messages[i] = new ServiceBusMessage(body);
                    if (traceParent is not null)
                    {
                        messages[i].ApplicationProperties["Diagnostic-Id"] = traceParent;
                    }
                }

                await sender.SendMessagesAsync(messages);
            }
        }));
        var sendElapsed = stopwatch.Elapsed;
        var sent = batches * arguments.BatchSize;

        stopwatch.Restart();
        var received = arguments.UseProcessor
            ? await ReceiveWithProcessorAsync(clients, queue, sent, arguments)
            : await ReceiveInBatchesAsync(clients, queue, sent, arguments);
        var receiveElapsed = stopwatch.Elapsed;

        foreach (var sender in senders)
        {
            await sender.DisposeAsync();
        }

        if (print)
        {
            Figures.PrintRun("send", run, sent, sendElapsed);
            Figures.PrintRun("receive+complete", run, received, receiveElapsed);
        }

        return (sent / sendElapsed.TotalSeconds, received / receiveElapsed.TotalSeconds);
    }
}
