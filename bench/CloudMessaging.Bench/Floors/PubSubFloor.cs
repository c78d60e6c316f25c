using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Floors;

/// <summary>
/// The least pub-sub needs, with the SDK directly: each event published once (batches of 100 from 4 publishers, as
/// the pattern's burst posts them) and received and completed on each of five subscriptions. No filters: every
/// subscription takes every event, more copies than the pattern's filtered ones, so the floor is a strict one.
/// </summary>
internal static class PubSubFloor
{
    private const string Topic = "floor-orders";
    private const int Subscriptions = 5;
    private const int Publishers = 4;
    private const int BatchSize = 100;

    public static TopicDefinition[] Topics =>
        [new() { Name = Topic, Subscriptions = [.. Enumerable.Range(0, Subscriptions).Select(i => new SubscriptionDefinition { Name = $"s{i}" })] }];

    public static async Task<FloorResult> RunAsync(FloorEnvironment floor, int events)
    {
        var copies = 0;
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var processors = Enumerable.Range(0, Subscriptions)
            .Select(i => floor.ServiceBus.CreateProcessor(Topic, $"s{i}", new ServiceBusProcessorOptions { MaxConcurrentCalls = 8, AutoCompleteMessages = false }))
            .ToList();
        foreach (var processor in processors)
        {
            processor.ProcessErrorAsync += _ => Task.CompletedTask;
            processor.ProcessMessageAsync += async args =>
            {
                await args.CompleteMessageAsync(args.Message);
                if (Interlocked.Increment(ref copies) == events * Subscriptions)
                {
                    allDelivered.SetResult();
                }
            };
            await processor.StartProcessingAsync();
        }

        await using var sender = floor.ServiceBus.CreateSender(Topic);
        var batches = Enumerable.Range(0, events).Chunk(BatchSize).ToList();
        var next = -1;
        var result = await FloorRun.MeasureAsync("1 publish, 5 subscription receives", events, async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < batches.Count)
                {
                    await sender.SendMessagesAsync(batches[index].Select(i => new ServiceBusMessage($$"""{"id":"{{i}}","type":"OrderPlaced"}""")));
                }
            }));
            await allDelivered.Task;
        });

        foreach (var processor in processors)
        {
            await processor.StopProcessingAsync();
            await processor.DisposeAsync();
        }

        return result;
    }
}
