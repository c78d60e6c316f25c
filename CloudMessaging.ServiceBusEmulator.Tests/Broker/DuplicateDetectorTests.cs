using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Tests.Broker;

public sealed class DuplicateDetectorTests
{
    [Fact]
    public void Id_is_a_duplicate_only_inside_the_window()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var detector = new DuplicateDetector(TimeSpan.FromSeconds(10));

        Assert.True(detector.TryRecord("a", start));
        Assert.False(detector.TryRecord("a", start.AddSeconds(9)));
        Assert.True(detector.TryRecord("b", start.AddSeconds(9)));
        Assert.True(detector.TryRecord("a", start.AddSeconds(10)));
    }
}
