using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;

namespace CloudMessaging.Workers.Messaging;

/// <summary>
/// Runs one <see cref="ServiceBusProcessor"/> for the life of the host. When the host stops, the processor stops
/// taking messages at once and its in-flight handlers drain (see <see cref="ProcessorDrain"/>): they finish and settle
/// normally within the drain timeout; a handler still running after it is cancelled, throws, and the processor
/// abandons its message so another replica receives it. Patterns derive from this and implement only the handling.
/// </summary>
public abstract partial class QueueProcessorService(
    ServiceBusClient client,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    ILogger logger,
    string entityPath,
    ServiceBusProcessorOptions options) : IHostedService, IAsyncDisposable
{
    private DrainedProcessor? _processor;

    protected ReplicaIdentity Replica { get; } = replica;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _processor = new DrainedProcessor(client.CreateProcessor(entityPath, options), drain, HandleAsync, OnErrorAsync);
        await _processor.StartAsync(cancellationToken);
        ProcessorLog.Processing(logger, Replica, entityPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_processor is not null)
        {
            await _processor.StopAsync(cancellationToken);
        }

        ProcessorLog.StoppedProcessing(logger, Replica, entityPath);
    }

    public async ValueTask DisposeAsync()
    {
        if (_processor is not null)
        {
            await _processor.DisposeAsync();
        }
    }

    /// <summary>
    /// Handles one message. Observe <paramref name="cancellationToken"/>, not the args' own token: it stays live while
    /// the replica drains and is cancelled only when the drain is over.
    /// </summary>
    protected abstract Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken);

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        if (drain.EndedHandler(args.Exception))
        {
            LogGivenBack(Replica, args.EntityPath);
        }
        else
        {
            ProcessorLog.ProcessorFailed(logger, args.Exception, Replica, args.ErrorSource, args.EntityPath);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} gives back a message of {Entity}: still running when the drain ended")]
    private partial void LogGivenBack(ReplicaIdentity replica, string entity);
}
