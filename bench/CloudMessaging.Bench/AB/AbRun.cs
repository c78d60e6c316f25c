using System.Diagnostics;
using System.Globalization;

namespace CloudMessaging.Bench.AB;

/// <summary>
/// A/B in one run: the same scenario run alternately by a baseline build of the bench (B, built against the baseline
/// commit's applications, see bench/prepare-baseline.sh) and by this build (A), B first, for a number of pairs; then
/// each headline figure's median for both and the ratio A ÷ B. Alternating spreads the machine's drifting load over
/// both builds alike.
/// </summary>
internal static class AbRun
{
    public const string Usage = "ab --baseline <baseline bench dll> [--pairs 2] -- <scenario> [scenario options]";

    public static async Task<int> RunAsync(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var own = separator < 0 ? args : args[..separator];
        var scenario = separator < 0 ? [] : args[(separator + 1)..];
        var baselineIndex = Array.IndexOf(own, "--baseline");
        if (baselineIndex < 0 || baselineIndex + 1 >= own.Length || scenario.Length == 0 || !File.Exists(own[baselineIndex + 1]))
        {
            Console.WriteLine("usage: " + Usage);
            return 1;
        }

        var pairsIndex = Array.IndexOf(own, "--pairs");
        var pairs = pairsIndex >= 0 && pairsIndex + 1 < own.Length ? int.Parse(own[pairsIndex + 1], CultureInfo.InvariantCulture) : 2;
        var builds = new (string Name, string Dll)[] { ("B", own[baselineIndex + 1]), ("A", typeof(AbRun).Assembly.Location) };
        var figures = builds.ToDictionary(b => b.Name, _ => new Dictionary<string, List<double>>(StringComparer.Ordinal));
        Console.WriteLine($"A/B: A = {builds[1].Dll}, B = {builds[0].Dll}; {pairs} pair(s) of `{string.Join(' ', scenario)}`, B first in each");
        for (var pair = 1; pair <= pairs; pair++)
        {
            foreach (var (name, dll) in builds)
            {
                Console.WriteLine($"--- pair {pair}, {name}: {Cpu.MachineLoad.Read()}");
                await RunBuildAsync(name, dll, scenario, figures[name]);
            }
        }

        Console.WriteLine($"A/B medians over {pairs} pair(s) (ratio A ÷ B; for cpu and latency lower is better, for rates higher):");
        foreach (var (figure, values) in figures["A"].Where(f => figures["B"].ContainsKey(f.Key)))
        {
            var a = Scenarios.Figures.Median(values);
            var b = Scenarios.Figures.Median(figures["B"][figure]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {figure,-32} A {a,10:N2}  B {b,10:N2}  A/B {a / b,6:N2}"));
        }

        Console.WriteLine($"load after: {Cpu.MachineLoad.Read()}");
        return 0;
    }

    private static async Task RunBuildAsync(string name, string dll, string[] scenario, Dictionary<string, List<double>> figures)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in scenario)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine($"[{name}] {line}");
            if (line.StartsWith(Summary.Prefix, StringComparison.Ordinal) && line[Summary.Prefix.Length..].Split('=') is [var figure, var value])
            {
                (figures.TryGetValue(figure, out var list) ? list : figures[figure] = []).Add(double.Parse(value, CultureInfo.InvariantCulture));
            }
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} ({dll}) exited with {process.ExitCode}.");
        }
    }
}
