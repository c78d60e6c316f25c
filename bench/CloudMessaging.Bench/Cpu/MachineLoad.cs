namespace CloudMessaging.Bench.Cpu;

/// <summary>The load averages (1, 5, 15 minutes) from /proc/loadavg, printed with every figure: they say how busy the machine was.</summary>
internal static class MachineLoad
{
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {fields[0]}, {fields[1]}, {fields[2]} ({Environment.ProcessorCount} cores)";
        }
        catch (IOException)
        {
            return "load average unknown";
        }
    }
}
