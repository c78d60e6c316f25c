using System.Globalization;

namespace CloudMessaging.Bench.Cpu;

/// <summary>
/// CPU milliseconds of this process plus, when given, the broker process listening on a local TCP port (RabbitMQ's
/// Erlang VM): what a run in the queue baseline costs client and broker. The port, not the command name, finds it:
/// other RabbitMQ nodes may run on the machine.
/// </summary>
internal sealed class BrokerCpu(int? brokerPort)
{
    private readonly int? _broker = brokerPort is { } port ? ListenerOf(port) : null;

    public double Milliseconds() =>
        (ProcessCpu.ReadMilliseconds(Environment.ProcessId) ?? 0) + (_broker is { } pid ? ProcessCpu.ReadMilliseconds(pid) ?? 0 : 0);

    /// <summary>Whether the broker process was found (a broker on another machine or in a container is not).</summary>
    public bool HasBroker => _broker is not null;

    private static int? ListenerOf(int port)
    {
        // /proc/net/tcp{,6}: local address "ADDR:PORT" in hex, state 0A is LISTEN, the socket's inode in column 10.
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(path => File.Exists(path) ? File.ReadLines(path).Skip(1) : [])
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[1].EndsWith(suffix, StringComparison.Ordinal) && f[3] == "0A")
            .Select(f => $"socket:[{f[9]}]")
            .ToHashSet(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (inodes.Count > 0
                && int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && HoldsAny(pid, inodes))
            {
                return pid;
            }
        }

        return null;
    }

    private static bool HoldsAny(int pid, HashSet<string> sockets)
    {
        try
        {
            return Directory.EnumerateFiles($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget is { } target && sockets.Contains(target));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
