using System.Diagnostics;
using CloudMessaging.Bench.Cpu;

namespace CloudMessaging.Bench.Floors;

/// <summary>
/// Times a floor and takes its CPU: this process (the SDK clients and the in-process emulator) and Garnet, the only
/// other process a floor uses. The AppHost's API and workers sit idle meanwhile and are not counted.
/// </summary>
internal static class FloorRun
{
    public static async Task<FloorResult> MeasureAsync(string label, int operations, Func<Task> runAsync)
    {
        var before = ProcessCpu.Take();
        var stopwatch = Stopwatch.StartNew();
        await runAsync();
        var elapsed = stopwatch.Elapsed;
        var usage = ProcessCpu.Take().Since(before);
        return new FloorResult(label, operations / elapsed.TotalSeconds, (usage.Total("harness") + usage.Total("garnet")) / operations);
    }
}
