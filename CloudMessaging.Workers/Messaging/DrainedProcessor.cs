using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Workers.Messaging;

/// <summary>
/// A Service Bus processor, plain or session, run under the host's <see cref="ProcessorDrain"/>: its handler gets the
/// drain's token instead of the SDK's, it is enlisted in the drain once started, and stopping it drains its handlers.
/// Every processor of the workers runs through this, so the drain is wired in one place.
/// </summary>
public sealed class DrainedProcessor : IAsyncDisposable
{
    private readonly ProcessorDrain _drain;
    private readonly Func<CancellationToken, Task> _startProcessing;
    private readonly Func<Task> _stopProcessing;
    private readonly Func<ValueTask> _disposeProcessor;
    private DrainedStop? _stop;

    public DrainedProcessor(
        ServiceBusProcessor processor,
        ProcessorDrain drain,
        Func<ProcessMessageEventArgs, CancellationToken, Task> handle,
        Func<ProcessErrorEventArgs, Task> onError)
        : this(drain, processor.StartProcessingAsync, () => processor.StopProcessingAsync(), processor.DisposeAsync)
    {
        processor.ProcessMessageAsync += args => drain.RunHandlerAsync(processor.EntityPath, args.Message, token => handle(args, token));
        processor.ProcessErrorAsync += onError;
    }

    public DrainedProcessor(
        ServiceBusSessionProcessor processor,
        ProcessorDrain drain,
        Func<ProcessSessionMessageEventArgs, CancellationToken, Task> handle,
        Func<ProcessErrorEventArgs, Task> onError)
        : this(drain, processor.StartProcessingAsync, () => processor.StopProcessingAsync(), processor.DisposeAsync)
    {
        processor.ProcessMessageAsync += args => drain.RunHandlerAsync(processor.EntityPath, args.Message, token => handle(args, token));
        processor.ProcessErrorAsync += onError;
    }

    private DrainedProcessor(ProcessorDrain drain, Func<CancellationToken, Task> start, Func<Task> stop, Func<ValueTask> dispose)
    {
        _drain = drain;
        _startProcessing = start;
        _stopProcessing = stop;
        _disposeProcessor = dispose;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _startProcessing(cancellationToken);
        // Enlisted once started: should the host already be stopping, the stop then runs at once.
        _stop = _drain.Enlist(_stopProcessing);
    }

    /// <summary>Stops receiving and waits for the handlers to drain (see <see cref="DrainedStop.StopAsync"/>).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _stop?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _stop?.Dispose();
        await _disposeProcessor();
    }
}
