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
    public static async Task RunAsync(BenchArguments arguments)
    {
        Console.WriteLine($"queue: {arguments.Messages:N0} x 1 KB, batches of {arguments.BatchSize}, {arguments.Concurrency} sender(s)/receiver(s), prefetch {arguments.Prefetch}, {arguments.Repeat} run(s), emulator {(arguments.ConnectionString is null ? "in-process" : "external")}");
        // In-process by default; --connection-string points at an emulator (or a namespace) in its own process,
        // which is how a broker is measured against its clients: separate processes sharing the machine.
        await using var emulator = arguments.ConnectionString is null
            ? await ServiceBusEmulator.ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
            {
                Port = 0,
                Topology = new EmulatorTopology { Queues = [.. Enumerable.Range(0, arguments.Repeat + 1).Select(i => new QueueDefinition { Name = $"bench-{i}" })] },
            })
            : null;
        await using var client = new ServiceBusClient(arguments.ConnectionString ?? emulator!.ConnectionString);

        // Warm-up on its own queue: JIT, links, CBS.
        await RunOnceAsync(client, "bench-0", arguments with { Messages = 5_000 }, run: 0, print: false);

        var sendRates = new List<double>();
        var receiveRates = new List<double>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            var (send, receive) = await RunOnceAsync(client, $"bench-{run}", arguments, run, print: true);
            sendRates.Add(send);
            receiveRates.Add(receive);
        }

        Figures.PrintMedian("send", sendRates);
        Figures.PrintMedian("receive+complete", receiveRates);
    }

    // Receive up to 500 at a time and complete them concurrently: the SDK settles one message per call.
    private static async Task<int> ReceiveInBatchesAsync(ServiceBusClient client, string queue, int expected, BenchArguments arguments)
    {
        var received = 0;
        var receivers = Enumerable.Range(0, arguments.Concurrency)
            .Select(_ => client.CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = arguments.Prefetch / arguments.Concurrency }))
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
    private static async Task<int> ReceiveWithProcessorAsync(ServiceBusClient client, string queue, int expected, BenchArguments arguments)
    {
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var processor = client.CreateProcessor(queue, new ServiceBusProcessorOptions
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

    private static async Task<(double Send, double Receive)> RunOnceAsync(ServiceBusClient client, string queue, BenchArguments arguments, int run, bool print)
    {
        var body = new BinaryData(new byte[1024]);
        var batches = arguments.Messages / arguments.BatchSize;
        var nextBatch = 0;
        var senders = Enumerable.Range(0, arguments.Concurrency).Select(_ => client.CreateSender(queue)).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(senders.Select(async sender =>
        {
            var messages = new ServiceBusMessage[arguments.BatchSize];
            while (Interlocked.Increment(ref nextBatch) <= batches)
            {
                for (var i = 0; i < messages.Length; i++)
                {
                    messages[i] = new ServiceBusMessage(body);
                }

                await sender.SendMessagesAsync(messages);
            }
        }));
        var sendElapsed = stopwatch.Elapsed;
        var sent = batches * arguments.BatchSize;

        stopwatch.Restart();
        var received = arguments.UseProcessor
            ? await ReceiveWithProcessorAsync(client, queue, sent, arguments)
            : await ReceiveInBatchesAsync(client, queue, sent, arguments);
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
