using System.Globalization;

namespace CloudMessaging.Bench.Cpu;

/// <summary>
/// The CPU time (user + system, from Linux's /proc/&lt;pid&gt;/stat) of this process and every process below it, each
/// named by the role it plays: a process whose command line names no role inherits its parent's, so the
/// <c>dotnet run</c> launcher and the application it starts count as one replica. CPU times are far less sensitive
/// to the machine's other load than wall-clock rates, which is why the scenarios report them per operation.
/// </summary>
internal static class ProcessCpu
{
    // Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel configuration.
    private const double MillisecondsPerTick = 10.0;

    private static readonly (string Marker, string Role)[] Roles =
    [
        ("CloudMessaging.Api", "api"),
        ("CloudMessaging.Workers", "workers"),
        ("CloudMessaging.Garnet", "garnet"),
        ("ServiceBusEmulator", "emulator"),
        ("azurite", "azurite"),
        ("/dcp", "dcp"),
    ];

    /// <summary>CPU milliseconds so far per process, with its role and the pid of the replica it belongs to.</summary>
    public static CpuSnapshot Take()
    {
        var processes = new Dictionary<int, CpuSample>();
        Walk(Environment.ProcessId, "harness", Environment.ProcessId, processes);
        foreach (var orchestrator in OrchestratorsOf(Environment.ProcessId))
        {
            Walk(orchestrator, "dcp", orchestrator, processes);
        }

        return new CpuSnapshot(processes);
    }

    private static void Walk(int pid, string inheritedRole, int inheritedReplica, Dictionary<int, CpuSample> processes)
    {
        var (role, replica) = RoleOf(pid) is { } own && own != inheritedRole ? (own, pid) : (inheritedRole, inheritedReplica);
        if (ReadMilliseconds(pid) is not { } milliseconds)
        {
            return;
        }

        processes[pid] = new CpuSample(role, replica, milliseconds);
        foreach (var child in Children(pid))
        {
            Walk(child, role, replica, processes);
        }
    }

    /// <summary>
    /// The orchestrator (DCP) an AppHost starts leaves its parent's tree and watches it instead: it is found by the
    /// <c>--monitor &lt;pid&gt;</c> on its command line. The resources it runs are its descendants.
    /// </summary>
    private static IEnumerable<int> OrchestratorsOf(int pid)
    {
        var marker = $" start-apiserver --monitor {pid} ";
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && Read($"/proc/{candidate}/cmdline")?.Replace('\0', ' ') is { } commandLine
                && commandLine.Contains(marker, StringComparison.Ordinal))
            {
                yield return candidate;
            }
        }
    }

    private static string? RoleOf(int pid)
    {
        var commandLine = Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ');
        return commandLine is null ? null : Roles.FirstOrDefault(r => commandLine.Contains(r.Marker, StringComparison.Ordinal)).Role;
    }

    internal static double? ReadMilliseconds(int pid)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        if (Read($"/proc/{pid}/stat") is not { } stat)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * MillisecondsPerTick;
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            yield break;
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            foreach (var child in (Read(Path.Combine(task, "children")) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return int.Parse(child, CultureInfo.InvariantCulture);
            }
        }
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
