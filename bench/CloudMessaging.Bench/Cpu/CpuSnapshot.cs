namespace CloudMessaging.Bench.Cpu;

/// <summary>The CPU times of a process tree at one moment; <see cref="Since"/> gives what each role spent in between.</summary>
internal sealed class CpuSnapshot(IReadOnlyDictionary<int, CpuSample> processes)
{
    private IReadOnlyDictionary<int, CpuSample> Processes { get; } = processes;

    /// <summary>CPU milliseconds per replica since <paramref name="earlier"/> (a process born in between counts whole).</summary>
    public CpuUsage Since(CpuSnapshot earlier)
    {
        var replicas = new Dictionary<(string Role, int Replica), double>();
        foreach (var (pid, sample) in Processes)
        {
            var before = earlier.Processes.TryGetValue(pid, out var old) ? old.Milliseconds : 0;
            var key = (sample.Role, sample.Replica);
            replicas[key] = replicas.GetValueOrDefault(key) + sample.Milliseconds - before;
        }

        return new CpuUsage(replicas);
    }
}
