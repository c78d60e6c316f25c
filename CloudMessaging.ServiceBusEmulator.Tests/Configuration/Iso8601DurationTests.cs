using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Configuration;

public sealed class Iso8601DurationTests
{
    public static TheoryData<string, TimeSpan> ValidDurations => new()
    {
        { "PT1M", TimeSpan.FromMinutes(1) },
        { "PT30S", TimeSpan.FromSeconds(30) },
        { "P1D", TimeSpan.FromDays(1) },
        { "PT1H30M", TimeSpan.FromMinutes(90) },
        { "PT36H", TimeSpan.FromHours(36) },
        { "P1DT2H3M4S", new TimeSpan(1, 2, 3, 4) },
        { "PT0.5S", TimeSpan.FromMilliseconds(500) },
        { "PT1,25S", TimeSpan.FromMilliseconds(1250) },
        { "PT0.0000001S", TimeSpan.FromTicks(1) },
        { "P2W", TimeSpan.FromDays(14) },
        { "P1M", TimeSpan.FromDays(30) },
        { "P1Y", TimeSpan.FromDays(365) },
        { "PT0S", TimeSpan.Zero },
        { "P10675199DT2H48M5.4775807S", TimeSpan.MaxValue },
    };

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void Parses(string text, TimeSpan expected)
    {
        Assert.True(Iso8601Duration.TryParse(text, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1M", "does not start with 'P'")]
    [InlineData("P", "has no components")]
    [InlineData("PT", "has a 'T' with no hours")]
    [InlineData("PT1X", "unknown designator 'X'")]
    [InlineData("P1H", "unknown designator 'H' in its date part")]
    [InlineData("PT1D", "unknown designator 'D' in its time part")]
    [InlineData("PT1M1H", "out of order")]
    [InlineData("PT1M1M", "repeats")]
    [InlineData("PT1.5M", "only seconds may have one")]
    [InlineData("PT1.S", "decimal point without digits")]
    [InlineData("PT0.00000001S", "more than 7 fractional digits")]
    [InlineData("PT5", "no designator")]
    [InlineData("-PT5S", "negative")]
    [InlineData("pt5s", "does not start with 'P'")]
    [InlineData("P10675199DT2H48M5.4775808S", "longer than the largest duration")]
    [InlineData("P99999999999999999999D", "longer than the largest duration")]
    public void Refuses_with_a_reason(string text, string expectedReason)
    {
        Assert.False(Iso8601Duration.TryParse(text, out _, out var error));
        Assert.Contains(expectedReason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PT1M")]
    [InlineData("PT0S")]
    [InlineData("P1DT2H3M4.5S")]
    [InlineData("PT0.0000001S")]
    [InlineData("P3D")]
    [InlineData("P10675199DT2H48M5.4775807S")]
    public void Formats_back_to_the_same_text(string text) =>
        Assert.Equal(text, Iso8601Duration.Format(Iso8601Duration.Parse(text)));
}
