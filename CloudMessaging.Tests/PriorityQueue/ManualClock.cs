namespace CloudMessaging.Tests.PriorityQueue;

/// <summary>A clock that moves only when the test says so, so that an expiry is tested on both sides without waiting.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
