using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;

namespace CloudMessaging.Workers.Messaging;

/// <summary>
/// Runs one <see cref="ServiceBusProcessor"/> for the life of the host. On shutdown the processor stops taking
/// messages and waits for in-flight handlers; a handler that is cancelled throws, and the processor abandons its
/// message so another replica receives it. Patterns derive from this and implement only the handling.
/// </summary>
public abstract class QueueProcessorService(
    ServiceBusClient client,
    ReplicaIdentity replica,
    ILogger logger,
    string entityPath,
    ServiceBusProcessorOptions options) : IHostedService, IAsyncDisposable
{
    private readonly ServiceBusProcessor _processor = client.CreateProcessor(entityPath, options);

    protected ReplicaIdentity Replica { get; } = replica;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _processor.ProcessMessageAsync += args => HandleAsync(args);
        _processor.ProcessErrorAsync += OnErrorAsync;
        await _processor.StartProcessingAsync(cancellationToken);
        logger.LogInformation("Replica {Replica} processing {Entity}", Replica, entityPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _processor.StopProcessingAsync(cancellationToken);
        logger.LogInformation("Replica {Replica} stopped processing {Entity}", Replica, entityPath);
    }

    public ValueTask DisposeAsync() => _processor.DisposeAsync();

    protected abstract Task HandleAsync(ProcessMessageEventArgs args);

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        logger.LogWarning(args.Exception, "Replica {Replica}: {Source} failed on {Entity}", Replica, args.ErrorSource, args.EntityPath);
        return Task.CompletedTask;
    }
}
