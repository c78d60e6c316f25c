namespace CloudMessaging.Web.Api;

/// <summary>
/// How a live page follows one of the API's event streams: every event to <c>onEvent</c>, and the stream's health to
/// <c>onProblem</c> (null once events flow again). A stream the API ends by its lifetime, or a dropped connection,
/// is reopened when <c>reopen</c> is set (stats and counters never finish); otherwise the end is the end.
/// </summary>
public static class LiveEvents
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    public static async Task FollowAsync<T>(
        this CloudMessagingApi api, string path, Func<T, Task> onEvent, Func<ApiProblem?, Task> onProblem, bool reopen, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ApiProblem? openFailed = null;
                try
                {
                    await foreach (var item in api.StreamEventsAsync<T>(path, problem => openFailed = problem, cancellationToken))
                    {
                        await onEvent(item);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    openFailed = ApiProblem.Unreachable(ex.Message);
                }

                await onProblem(openFailed);
                if (!reopen || openFailed is { IsUnavailable: false })
                {
                    // Refused (404, 400): reopening would only be refused again.
                    return;
                }

                await Task.Delay(openFailed is null ? TimeSpan.Zero : RetryAfterFailure, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
    }
}
