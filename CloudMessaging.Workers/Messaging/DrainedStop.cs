namespace CloudMessaging.Workers.Messaging;

/// <summary>One processor's stop, started once: by the host beginning to stop, or by its hosted service's StopAsync.</summary>
public sealed class DrainedStop : IDisposable
{
    private readonly Lazy<Task> _stop;
    private readonly CancellationTokenSource _handlersCancelled;
    private readonly CancellationTokenRegistration _onHostStopping;

    internal DrainedStop(Func<Task> stopProcessing, CancellationToken hostStopping, CancellationTokenSource handlersCancelled)
    {
        _stop = new Lazy<Task>(stopProcessing);
        _handlersCancelled = handlersCancelled;
        _onHostStopping = hostStopping.Register(() => _ = _stop.Value);
    }

    /// <summary>
    /// Waits for the processor to stop: for its handlers to finish within the drain, or to give their messages back
    /// after it. Should the host's own shutdown deadline come first, the handlers are cancelled at once.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var deadline = cancellationToken.Register(() => _handlersCancelled.Cancel());
        await _stop.Value;
    }

    public void Dispose() => _onHostStopping.Dispose();
}
