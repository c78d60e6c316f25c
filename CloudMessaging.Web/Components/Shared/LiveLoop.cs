namespace CloudMessaging.Web.Components.Shared;

/// <summary>
/// A page's background poll: runs <c>tick</c> at once and then every interval until disposed, one tick at a time.
/// Start it in <c>OnAfterRenderAsync(firstRender)</c> (never while prerendering) and dispose it with the page; the tick
/// applies what it read inside <c>InvokeAsync</c> and re-renders, which the circuit pushes to the browser.
/// </summary>
public sealed class LiveLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private LiveLoop(TimeSpan interval, Func<CancellationToken, Task> tick) => _running = RunAsync(interval, tick);

    public static LiveLoop Start(TimeSpan interval, Func<CancellationToken, Task> tick) => new(interval, tick);

    private async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task> tick)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await tick(_stop.Token);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed with its page.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // A tick cancelled half way.
        }

        _stop.Dispose();
    }
}
