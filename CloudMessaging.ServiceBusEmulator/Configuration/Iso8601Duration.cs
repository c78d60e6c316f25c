using System.Globalization;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// ISO-8601 durations as Config.json writes them (<c>PT1M</c>, <c>P1DT12H</c>, <c>PT0.5S</c>,
/// <c>P10675199DT2H48M5.4775807S</c> for <see cref="TimeSpan.MaxValue"/>).
/// </summary>
/// <remarks>
/// Written here rather than taken from <c>XmlConvert.ToTimeSpan</c> so that a bad value gets an error that says
/// what is wrong with it. A year counts as 365 days and a month as 30 days, the convention .NET's XML duration
/// conversion (and so the service) uses, because a duration has no calendar to count real months in.
/// Only the seconds may carry a fraction, with at most 7 digits (one tick). Negative durations are refused.
/// </remarks>
public static class Iso8601Duration
{
    private const long TicksPerYear = 365 * TimeSpan.TicksPerDay;
    private const long TicksPerMonth = 30 * TimeSpan.TicksPerDay;
    private const long TicksPerWeek = 7 * TimeSpan.TicksPerDay;
    private const int MaxFractionDigits = 7;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        value = default;
        error = Validate(text, out var ticks);
        if (error is not null)
        {
            return false;
        }

        value = TimeSpan.FromTicks(ticks);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The shortest duration text for <paramref name="value"/>, e.g. <c>PT1M</c>, <c>P1DT2H</c>, <c>PT0S</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "ISO-8601 durations here are never negative.");
        }

        var text = new System.Text.StringBuilder("P");
        if (value.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Days}D");
        }

        var timeOfDay = value - TimeSpan.FromDays(value.Days);
        if (timeOfDay == TimeSpan.Zero)
        {
            return value == TimeSpan.Zero ? "PT0S" : text.ToString();
        }

        text.Append('T');
        if (timeOfDay.Hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{timeOfDay.Hours}H");
        }

        if (timeOfDay.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{timeOfDay.Minutes}M");
        }

        var subMinuteTicks = timeOfDay.Ticks % TimeSpan.TicksPerMinute;
        if (subMinuteTicks > 0)
        {
            var seconds = subMinuteTicks / TimeSpan.TicksPerSecond;
            var fraction = subMinuteTicks % TimeSpan.TicksPerSecond;
            text.Append(seconds.ToString(CultureInfo.InvariantCulture));
            if (fraction > 0)
            {
                text.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
            }

            text.Append('S');
        }

        return text.ToString();
    }

    private static string? Validate(string text, out long ticks)
    {
        ticks = 0;
        const string Expected = "expected an ISO-8601 duration such as PT30S, PT1M, PT1H30M or P1D";
        if (string.IsNullOrEmpty(text))
        {
            return $"an empty string is not a duration; {Expected}";
        }

        if (text[0] == '-')
        {
            return $"'{text}' is negative; durations must not be negative";
        }

        if (text[0] != 'P')
        {
            return $"'{text}' does not start with 'P'; {Expected}";
        }

        var position = 1;
        var inTimePart = false;
        var componentCount = 0;
        var timeComponentCount = 0;
        // Designators must come in the order Y M W D T H M S; remembering the last one stops repeats and reordering.
        var lastOrder = -1;

        try
        {
            while (position < text.Length)
            {
                if (text[position] == 'T')
                {
                    if (inTimePart)
                    {
                        return $"'{text}' has more than one 'T'; {Expected}";
                    }

                    inTimePart = true;
                    position++;
                    continue;
                }

                var numberStart = position;
                while (position < text.Length && char.IsAsciiDigit(text[position]))
                {
                    position++;
                }

                if (position == numberStart)
                {
                    return $"'{text}' has '{text[position]}' where a number was expected; {Expected}";
                }

                var wholeDigits = text[numberStart..position];
                string? fractionDigits = null;
                if (position < text.Length && text[position] is '.' or ',')
                {
                    var fractionStart = ++position;
                    while (position < text.Length && char.IsAsciiDigit(text[position]))
                    {
                        position++;
                    }

                    fractionDigits = text[fractionStart..position];
                    if (fractionDigits.Length == 0)
                    {
                        return $"'{text}' has a decimal point without digits after it";
                    }

                    if (fractionDigits.Length > MaxFractionDigits)
                    {
                        return $"'{text}' has more than {MaxFractionDigits} fractional digits (the resolution is 100 ns)";
                    }
                }

                if (position == text.Length)
                {
                    return $"'{text}' ends with a number that has no designator (Y, M, W, D, H, M or S); {Expected}";
                }

                var designator = text[position++];
                var designatorOrder = DesignatorOrder(designator, inTimePart);
                if (designatorOrder < 0)
                {
                    return $"'{text}' has the unknown designator '{designator}'{(inTimePart ? " in its time part" : " in its date part")}; {Expected}";
                }

                if (designatorOrder <= lastOrder)
                {
                    return $"'{text}' repeats '{designator}' or puts it out of order; {Expected}";
                }

                if (fractionDigits is not null && designator != 'S')
                {
                    return $"'{text}' has a fraction on '{designator}'; only seconds may have one";
                }

                lastOrder = designatorOrder;
                componentCount++;
                if (inTimePart)
                {
                    timeComponentCount++;
                }

                var whole = long.Parse(wholeDigits, NumberStyles.None, CultureInfo.InvariantCulture);
                ticks = checked(ticks + (whole * TicksPer(designator, inTimePart)));
                if (fractionDigits is not null)
                {
                    ticks = checked(ticks + long.Parse(fractionDigits.PadRight(MaxFractionDigits, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
                }
            }
        }
        catch (OverflowException)
        {
            return $"'{text}' is longer than the largest duration, {Format(TimeSpan.MaxValue)}";
        }

        if (inTimePart && timeComponentCount == 0)
        {
            return $"'{text}' has a 'T' with no hours, minutes or seconds after it";
        }

        if (componentCount == 0)
        {
            return $"'{text}' has no components; {Expected}";
        }

        return null;
    }

    private static int DesignatorOrder(char designator, bool inTimePart) => (designator, inTimePart) switch
    {
        ('Y', false) => 0,
        ('M', false) => 1,
        ('W', false) => 2,
        ('D', false) => 3,
        ('H', true) => 4,
        ('M', true) => 5,
        ('S', true) => 6,
        _ => -1,
    };

    private static long TicksPer(char designator, bool inTimePart) => (designator, inTimePart) switch
    {
        ('Y', false) => TicksPerYear,
        ('M', false) => TicksPerMonth,
        ('W', false) => TicksPerWeek,
        ('D', false) => TimeSpan.TicksPerDay,
        ('H', true) => TimeSpan.TicksPerHour,
        ('M', true) => TimeSpan.TicksPerMinute,
        ('S', true) => TimeSpan.TicksPerSecond,
        _ => throw new ArgumentOutOfRangeException(nameof(designator)),
    };
}
