using System.Globalization;
using System.Text;

namespace CloudMessaging.Bench.Cpu;

/// <summary>CPU milliseconds spent per replica over an interval, keyed by role and replica pid.</summary>
internal sealed class CpuUsage(IReadOnlyDictionary<(string Role, int Replica), double> replicas)
{
    public double Total(string? role = null) => replicas.Where(r => role is null || r.Key.Role == role).Sum(r => r.Value);

    /// <summary>CPU ms per operation of every process but the load generator: the "in all" figure of <see cref="PerOperation"/>.</summary>
    public double CountedPerOperation(int operations) => (Total() - Total("harness")) / operations;

    /// <summary>One line: CPU ms per operation in all (harness excluded), per role, and per replica where a role has several.</summary>
    public string PerOperation(int operations, bool includeHarness = false)
    {
        var text = new StringBuilder();
        var counted = replicas.Where(r => includeHarness || r.Key.Role != "harness").ToList();
        text.Append(CultureInfo.InvariantCulture, $"{counted.Sum(r => r.Value) / operations:N2} ms in all");
        foreach (var role in counted.GroupBy(r => r.Key.Role).OrderByDescending(g => g.Sum(r => r.Value)))
        {
            text.Append(CultureInfo.InvariantCulture, $"; {role.Key} {role.Sum(r => r.Value) / operations:N2}");
            if (role.Count() > 1)
            {
                text.Append(" (").AppendJoin(" + ", role.OrderBy(r => r.Key.Replica).Select(r => (r.Value / operations).ToString("N2", CultureInfo.InvariantCulture))).Append(')');
            }
        }

        if (!includeHarness && replicas.Where(r => r.Key.Role == "harness").Sum(r => r.Value) is var harness and > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" [load generator {harness / operations:N2}, not counted]");
        }

        return text.ToString();
    }
}
