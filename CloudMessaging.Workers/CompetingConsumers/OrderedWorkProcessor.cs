using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.CompetingConsumers;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Workers.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>
/// Competing consumers of the session-enabled <c>work-ordered</c>: a replica locks a whole key (session) and
/// handles its items one at a time in order, while other replicas take other keys. When a replica stops, its
/// sessions are released and another replica continues each key where it left off.
/// </summary>
public sealed class OrderedWorkProcessor(
    ServiceBusClient client,
    WorkItemHandler handler,
    WorkStore store,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    IOptions<CompetingConsumersOptions> options,
    ILogger<OrderedWorkProcessor> logger) : IHostedService, IAsyncDisposable
{
    private readonly DrainedProcessor _processor = new(
        client.CreateSessionProcessor(EntityNames.WorkOrderedQueue, new ServiceBusSessionProcessorOptions
        {
            MaxConcurrentSessions = options.Value.MaxConcurrentSessions,
            MaxConcurrentCallsPerSession = 1,
            // Release an idle key quickly so a replica does not sit on a session that has nothing more to give.
            SessionIdleTimeout = TimeSpan.FromSeconds(2),
        }),
        drain,
        (args, token) => handler.HandleAsync(
            args.Message,
            WorkStore.OrderedIdempotencyScope,
            (transaction, item) => store.QueueOrderedProcessed(transaction, args.SessionId, item),
            new Settlement(args),
            token),
        args =>
        {
            ProcessorLog.ProcessorFailed(logger, args.Exception, replica, args.ErrorSource, args.EntityPath);
            return Task.CompletedTask;
        });

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _processor.StartAsync(cancellationToken);
        ProcessorLog.Processing(logger, replica, EntityNames.WorkOrderedQueue);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _processor.StopAsync(cancellationToken);
        ProcessorLog.StoppedProcessing(logger, replica, EntityNames.WorkOrderedQueue);
    }

    public ValueTask DisposeAsync() => _processor.DisposeAsync();

    private sealed class Settlement(ProcessSessionMessageEventArgs args) : IWorkSettlement
    {
        public Task AbandonAsync() => args.AbandonMessageAsync(args.Message);

        public Task DeadLetterAsync(string reason, string description) => args.DeadLetterMessageAsync(args.Message, reason, description);
    }
}
