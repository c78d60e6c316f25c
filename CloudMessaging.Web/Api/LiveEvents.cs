namespace CloudMessaging.Web.Api;

/// <summary>
/// How a live page follows one of the API's event streams: every event to <c>onEvent</c>, and the stream's health to
/// <c>onProblem</c> (null once events flow again). A stream the API ends (its lifetime, or the model is final), a
/// dropped connection or a 429 (too many streams) is reopened while <c>reopen</c> says more is to come.
/// </summary>
public static class LiveEvents
{
    private static readonly TimeSpan Reopen = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    public static async Task FollowAsync<T>(
        this CloudMessagingApi api, string path, Func<T, Task> onEvent, Func<ApiProblem?, Task> onProblem, Func<bool> reopen, CancellationToken cancellationToken)
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
                if (!reopen() || openFailed is { IsUnavailable: false, Status: not 429 })
                {
                    // Refused (404, 400): reopening would only be refused again. Too many streams (429) frees up.
                    return;
                }

                await Task.Delay(openFailed is null ? Reopen : RetryAfterFailure, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
    }
}
