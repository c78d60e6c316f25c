using System.Globalization;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>Peak resident memory of a process and its descendants, from Linux's /proc (VmHWM).</summary>
internal static class ProcessMemory
{
    /// <summary>
    /// The peak resident set of the application <paramref name="pid"/> stands for, in bytes. Aspire starts a
    /// project as <c>dotnet run</c>, whose child is the application: when the process has descendants, the largest
    /// of their peaks is taken and the launcher's own is left out.
    /// </summary>
    public static long PeakResidentBytes(int pid) =>
        SelfAndDescendants(pid).Skip(1).Select(ReadPeak).DefaultIfEmpty(ReadPeak(pid)).Max();

    private static IEnumerable<int> SelfAndDescendants(int pid)
    {
        yield return pid;
        foreach (var task in SafeDirectories($"/proc/{pid}/task"))
        {
            var childrenFile = Path.Combine(task, "children");
            if (!File.Exists(childrenFile))
            {
                continue;
            }

            foreach (var child in File.ReadAllText(childrenFile).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var descendant in SelfAndDescendants(int.Parse(child, CultureInfo.InvariantCulture)))
                {
                    yield return descendant;
                }
            }
        }
    }

    private static long ReadPeak(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string[] SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
