namespace CloudMessaging.Testing;

/// <summary>Waits on a condition, polling, until it holds or a deadline passes: tests never sleep a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until it returns a value, and returns that value.</summary>
    /// <exception cref="TimeoutException">No value within <paramref name="timeout"/>; the message says what was awaited.</exception>
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

            await Task.Delay(pollInterval ?? DefaultPollInterval);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, TimeSpan? pollInterval = null) =>
        await ReturnsAsync<object>(async () => await condition() ? true : null, timeout, because, pollInterval);

    /// <summary>For conditions on in-process state, which need no I/O to check.</summary>
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string because, TimeSpan? pollInterval = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, because, pollInterval);
}
