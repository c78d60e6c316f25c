using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.Messaging;

/// <summary>
/// Drains every processor of the host when it stops. Stopping a Service Bus processor cancels the token the SDK gives
/// its handlers at once, so a handler that observes that token abandons work a moment from done. Handlers observe
/// <see cref="HandlerCancellation"/> instead: as soon as the host begins stopping, every enlisted processor stops
/// receiving (all at once, not one hosted service after another), handlers already running go on with this token
/// still live, and only <see cref="ProcessorDrainOptions.DrainTimeout"/> later is it cancelled, so what is still
/// running gives its message back.
/// </summary>
public sealed class ProcessorDrain : IDisposable
{
    private readonly CancellationTokenSource _handlersCancelled = new();
    private readonly CancellationToken _hostStopping;
    private readonly CancellationTokenRegistration _onStopping;
    private readonly ILogger _logger;

    public ProcessorDrain(IHostApplicationLifetime lifetime, IOptions<ProcessorDrainOptions> options, ILogger<ProcessorDrain> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        DrainTimeout = options.Value.DrainTimeout;
        _hostStopping = lifetime.ApplicationStopping;
        _onStopping = _hostStopping.Register(() => _handlersCancelled.CancelAfter(DrainTimeout));
    }

    public TimeSpan DrainTimeout { get; }

    /// <summary>The token handlers observe: live while they drain, cancelled once the drain is over.</summary>
    public CancellationToken HandlerCancellation => _handlersCancelled.Token;

    /// <summary>True once the drain is over and handlers still running have been told to give their messages back.</summary>
    public bool IsOver => _handlersCancelled.IsCancellationRequested;

    /// <summary>
    /// Enlists a processor: <paramref name="stopProcessing"/> (its StopProcessingAsync, which stops receiving and then
    /// waits for its handlers) runs as soon as the host begins stopping, or when the processor's hosted service is
    /// stopped, whichever comes first.
    /// </summary>
    public DrainedStop Enlist(Func<Task> stopProcessing) => new(stopProcessing, _hostStopping, _handlersCancelled);

    /// <summary>
    /// Runs a handler with <see cref="HandlerCancellation"/>. A handler cancelled by the end of the drain often ends
    /// in a TaskCanceledException, which the SDK takes for its own stop and swallows without abandoning the message
    /// (ReceiverManager.ProcessOneMessage); it is rethrown as a plain OperationCanceledException, which the SDK
    /// abandons, so the message is redelivered at once instead of when its lock lapses.
    /// </summary>
    public async Task RunHandlerAsync(Func<CancellationToken, Task> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        try
        {
            await handle(HandlerCancellation);
        }
        catch (TaskCanceledException ex) when (IsOver)
        {
            throw new HandlerDrainEndedException(ex);
        }
    }

    /// <summary>
    /// Runs a handler of <paramref name="message"/> as <see cref="RunHandlerAsync(Func{CancellationToken, Task})"/>
    /// does, inside the message's <see cref="MessageLogScope"/>: every processor passes here, so every line a handler
    /// logs points at its message. Scopes are the logger factory's, so one begun here reaches every logger.
    /// </summary>
    public async Task RunHandlerAsync(string entityPath, ServiceBusReceivedMessage message, Func<CancellationToken, Task> handle)
    {
        using var scope = MessageLogScope.Begin(_logger, entityPath, message);
        await RunHandlerAsync(handle);
    }

    /// <summary>True when <paramref name="exception"/> is a handler given its message back because the drain ended.</summary>
    public bool EndedHandler(Exception exception) => IsOver && exception is OperationCanceledException;

    public void Dispose()
    {
        _onStopping.Dispose();
        _handlersCancelled.Dispose();
    }
}
