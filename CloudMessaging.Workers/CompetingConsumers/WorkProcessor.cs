using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.CompetingConsumers;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Workers.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>
/// One of the competing consumers of <c>work</c>: every replica runs one, none coordinates with another; the broker's
/// locks hand each message to one of them at a time.
/// </summary>
public sealed class WorkProcessor(
    ServiceBusClient client,
    WorkItemHandler handler,
    WorkStore store,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    IOptions<CompetingConsumersOptions> options,
    ILogger<WorkProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, EntityNames.WorkQueue, new ServiceBusProcessorOptions
    {
        MaxConcurrentCalls = options.Value.MaxConcurrentCalls,
        PrefetchCount = options.Value.PrefetchCount,
    })
{
    protected override Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken) =>
        handler.HandleAsync(args.Message, WorkStore.IdempotencyScope, (transaction, item) => store.QueueProcessed(transaction, args.Message.MessageId, item), new Settlement(args), cancellationToken);

    private sealed class Settlement(ProcessMessageEventArgs args) : IWorkSettlement
    {
        public Task AbandonAsync() => args.AbandonMessageAsync(args.Message);

        public Task DeadLetterAsync(string reason, string description) => args.DeadLetterMessageAsync(args.Message, reason, description);
    }
}
