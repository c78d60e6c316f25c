using System.Globalization;

namespace CloudMessaging.Bench.Scenarios;

internal static class Figures
{
    public static void PrintRun(string label, int run, int messages, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}: {label,-22} {messages / elapsed.TotalSeconds,10:N0} msg/s  ({messages:N0} in {elapsed.TotalSeconds:N2} s)"));

    public static void PrintMedian(string label, IReadOnlyList<double> rates)
    {
        var median = Median(rates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-24} median {median,10:N0} msg/s over {rates.Count} run(s)"));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The nearest-rank percentile (0-100) of values already sorted ascending.</summary>
    public static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * percent / 100.0) - 1, 0, sorted.Length - 1)];
}
