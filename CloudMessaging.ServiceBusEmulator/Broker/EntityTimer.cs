namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// The one timer of an entity, due at the earliest of its lock expiries, session lock expiries, scheduled times
/// and message expiries. Not thread-safe: armed under the owning entity's lock.
/// </summary>
internal sealed class EntityTimer : IDisposable
{
    // ITimer rejects due times beyond ~49 days; a timer that fires early just re-arms.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly ITimer _timer;
    private DateTimeOffset _due = DateTimeOffset.MaxValue;

    public EntityTimer(TimeProvider time, Action onDue)
    {
        _timer = time.CreateTimer(static state => ((Action)state!)(), onDue, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer fired: nothing is due until it is armed again.</summary>
    public void Fired() => _due = DateTimeOffset.MaxValue;

    /// <summary>Makes the timer fire at <paramref name="next"/>, unless it already fires earlier.</summary>
    public void ArmFor(DateTimeOffset next, DateTimeOffset now)
    {
        if (next >= _due)
        {
            return;
        }

        _due = next;
        var delay = next - now;
        _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();
}
