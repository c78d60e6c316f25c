using System.Globalization;

namespace CloudMessaging.Bench.Floors;

/// <summary>What a floor run measured: operations per second and the CPU milliseconds each took (client, emulator, Garnet).</summary>
internal sealed record FloorResult(string Label, double PerSecond, double CpuMsPerOperation)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"floor ({Label}): {PerSecond:N0}/s, cpu {CpuMsPerOperation:N2} ms per operation");

    /// <summary>How a pattern's figures compare with this floor: rate as a fraction of the floor's, CPU as a multiple.</summary>
    public string Compare(double perSecond, double cpuMsPerOperation) =>
        string.Create(CultureInfo.InvariantCulture, $"vs floor: rate {perSecond / PerSecond:N2}x the floor's, cpu {cpuMsPerOperation / CpuMsPerOperation:N1}x the floor's");
}
