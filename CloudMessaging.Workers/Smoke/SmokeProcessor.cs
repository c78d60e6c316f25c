using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Smoke;
using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.Smoke;

/// <summary>Answers the API's smoke messages by recording, in Redis, which replica handled each one.</summary>
public sealed partial class SmokeProcessor(
    ServiceBusClient client,
    SmokeStore store,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    TimeProvider timeProvider,
    ILogger<SmokeProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, EntityNames.SmokeQueue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 })
{
    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        var id = args.Message.MessageId;
        await store.RecordHandledAsync(id, new SmokeRecord(Replica.Name, timeProvider.GetUtcNow()));
        LogHandled(Replica, id);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica {Replica} handled smoke message {Id}")]
    private partial void LogHandled(ReplicaIdentity replica, string id);
}
