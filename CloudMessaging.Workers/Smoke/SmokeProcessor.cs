using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Smoke;
using CloudMessaging.Workers.Messaging;
using StackExchange.Redis;

namespace CloudMessaging.Workers.Smoke;

/// <summary>Answers the API's smoke messages by recording, in Redis, which replica handled each one.</summary>
public sealed class SmokeProcessor(
    ServiceBusClient client,
    IConnectionMultiplexer redis,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    TimeProvider timeProvider,
    ILogger<SmokeProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, EntityNames.SmokeQueue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 })
{
    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        var id = args.Message.MessageId;
        var key = SmokeRecord.Key(id);
        var database = redis.GetDatabase();
        await database.HashSetAsync(key,
        [
            new HashEntry(SmokeRecord.ReplicaField, Replica.Name),
            new HashEntry(SmokeRecord.HandledAtField, timeProvider.GetUtcNow().ToString("O")),
        ]);
        await database.KeyExpireAsync(key, SmokeRecord.TimeToLive);
        logger.LogInformation("Replica {Replica} handled smoke message {Id}", Replica, id);
    }
}
