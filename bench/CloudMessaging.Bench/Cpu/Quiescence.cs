using System.Diagnostics;

namespace CloudMessaging.Bench.Cpu;

/// <summary>
/// Waits for the measured processes to go quiet after a round of load. Tiered compilation re-compiles hot methods on
/// a background thread that competes with the load for both cores; when the load stops, what it queued still runs,
/// and waiting for it to finish lets the next round measure the compiled code rather than the compiler.
/// </summary>
internal static class Quiescence
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    /// <summary>Quiet: the counted processes together use under this share of one core over a window.</summary>
    private const double QuietCoreShare = 0.10;

    /// <summary>Waits until a window is quiet or <paramref name="limit"/> passes; returns how long it waited.</summary>
    public static async Task<TimeSpan> WaitAsync(TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        var before = ProcessCpu.Take();
        while (waited.Elapsed < limit)
        {
            await Task.Delay(Window);
            var now = ProcessCpu.Take();
            var spent = now.Since(before);
            if (spent.Total() - spent.Total("harness") < QuietCoreShare * Window.TotalMilliseconds)
            {
                break;
            }

            before = now;
        }

        return waited.Elapsed;
    }
}
