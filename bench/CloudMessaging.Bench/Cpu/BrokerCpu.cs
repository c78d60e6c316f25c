using System.Globalization;

namespace CloudMessaging.Bench.Cpu;

/// <summary>
/// CPU milliseconds of this process plus, when given, a broker process found by its command name (RabbitMQ's
/// <c>beam.smp</c>): what a run in the queue baseline costs both client and broker, whichever runs where.
/// </summary>
internal sealed class BrokerCpu(string? brokerCommand)
{
    private readonly int? _broker = brokerCommand is null ? null : Find(brokerCommand);

    public double Milliseconds() =>
        (ProcessCpu.ReadMilliseconds(Environment.ProcessId) ?? 0) + (_broker is { } pid ? ProcessCpu.ReadMilliseconds(pid) ?? 0 : 0);

    /// <summary>Whether the broker process was found (a broker on another machine or in a container is not).</summary>
    public bool HasBroker => _broker is not null;

    private static int? Find(string command)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadComm(pid) == command)
            {
                return pid;
            }
        }

        return null;
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
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
