using System.Globalization;

namespace CloudMessaging.Bench;

/// <summary>
/// The headline figures of a run, printed last as <c>summary name=value</c> lines: what the A/B mode reads from each
/// build's run to print their ratios.
/// </summary>
internal static class Summary
{
    public const string Prefix = "summary ";

    private static readonly List<(string Name, double Value)> Figures = [];

    public static void Add(string name, double value) => Figures.Add((name, value));

    public static void Print()
    {
        foreach (var (name, value) in Figures)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{name}={value:R}"));
        }
    }
}
