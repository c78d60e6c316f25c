namespace CloudMessaging.Tests.Infrastructure;

/// <summary>Waits on a condition, polling, until it holds or a deadline passes: tests never sleep a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(
        Func<Task<T?>> probe, TimeSpan timeout, string because, TimeSpan? pollInterval = null)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"Gave up after {timeout}: {because}");
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(100));
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, TimeSpan? pollInterval = null) =>
        await ReturnsAsync<object>(async () => await condition() ? true : null, timeout, because, pollInterval);
}
