using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;
using StackExchange.Redis;

namespace CloudMessaging.Bench.Floors;

/// <summary>
/// The least a no-op job needs, with the SDKs directly: a status hash created (HSET + EXPIRE), the message sent,
/// received, the claim and the success each written to the hash and published on the job's channel, the message
/// completed, 48 at a time (as three worker replicas of 16). Clients wait for their job's success in memory; no
/// HTTP, hosting or telemetry.
/// </summary>
internal static class JobFloor
{
    private const string Queue = "floor-jobs";

    public static QueueDefinition[] Queues => [new() { Name = Queue }];

    public static async Task<FloorResult> RunAsync(FloorEnvironment floor, int clients, int jobs)
    {
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource>();
        var database = floor.Redis.GetDatabase();
        var publisher = floor.Redis.GetSubscriber();
        await using var sender = floor.ServiceBus.CreateSender(Queue);
        await using var processor = floor.ServiceBus.CreateProcessor(Queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 48, AutoCompleteMessages = false });
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        processor.ProcessMessageAsync += async args =>
        {
            var id = args.Message.MessageId;
            var key = $"floor:jobs:{id}";
            await Task.WhenAll(
                database.HashSetAsync(key, [new("status", "Running"), new("replica", "floor")]),
                database.HashIncrementAsync(key, "version"),
                publisher.PublishAsync(RedisChannel.Literal(key + ":events"), "Running"));
            await Task.WhenAll(
                database.HashSetAsync(key, [new("status", "Succeeded"), new("result", "{}")]),
                database.HashIncrementAsync(key, "version"),
                database.KeyExpireAsync(key, TimeSpan.FromHours(1)),
                publisher.PublishAsync(RedisChannel.Literal(key + ":events"), "Succeeded"));
            await args.CompleteMessageAsync(args.Message);
            waiting[id].SetResult();
        };
        await processor.StartProcessingAsync();

        var remaining = jobs;
        var result = await FloorRun.MeasureAsync("send, receive, complete, 3 status writes", jobs, () => Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var id = Guid.NewGuid().ToString("N");
                var done = waiting[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var key = $"floor:jobs:{id}";
                await Task.WhenAll(
                    database.HashSetAsync(key, [new("id", id), new("status", "Queued"), new("version", 1)]),
                    database.KeyExpireAsync(key, TimeSpan.FromHours(1)));
                await sender.SendMessageAsync(new ServiceBusMessage(BinaryData.FromString($$"""{"id":"{{id}}","kind":"noop"}""")) { MessageId = id });
                await done.Task;
                waiting.TryRemove(id, out _);
            }
        })));
        await processor.StopProcessingAsync();
        return result;
    }
}
