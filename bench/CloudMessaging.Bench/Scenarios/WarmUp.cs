using System.Globalization;
using CloudMessaging.Bench.Cpu;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// Rounds of a scenario's own load until the CPU per operation settles, so that its runs measure the pattern rather
/// than the JIT: a profile 40 s into an unsettled run found half the API's and the workers' CPU in the tiering thread
/// (bench/README.md). Two rounds in a row agreeing is not enough on its own (CPU per job has held at one figure for
/// two rounds and then halved), so there are at least <see cref="MinRounds"/>, each followed by a wait for the
/// processes to go quiet.
/// </summary>
internal static class WarmUp
{
    private const int MinRounds = 4;
    private const int MaxRounds = 10;
    private const double SettledWithin = 0.10;
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(30);

    public static async Task UntilSettledAsync(string unit, int operations, Func<Task> roundAsync)
    {
        var previous = double.NaN;
        for (var round = 1; round <= MaxRounds; round++)
        {
            var before = ProcessCpu.Take();
            await roundAsync();
            var cpuPerOperation = ProcessCpu.Take().Since(before).CountedPerOperation(operations);
            var quiet = await Quiescence.WaitAsync(QuietLimit);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up round {round} ({operations:N0} {unit}s): cpu {cpuPerOperation:N2} ms per {unit}; quiet after {quiet.TotalSeconds:N1} s"));
            if (round >= MinRounds && Math.Abs(cpuPerOperation - previous) <= SettledWithin * previous)
            {
                return;
            }

            previous = cpuPerOperation;
        }

        Console.WriteLine($"warm-up: cpu per {unit} still moving after {MaxRounds} rounds; the figures below include settling");
    }
}
