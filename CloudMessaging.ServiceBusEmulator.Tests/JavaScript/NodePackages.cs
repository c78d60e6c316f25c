using System.Diagnostics;
using System.Security.Cryptography;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

/// <summary>
/// The Node project next to these tests (package.json, package-lock.json, scenarios/). Its node_modules is
/// installed with <c>npm ci</c> on first use and again whenever the lock file changes; a lock file in the folder keeps
/// concurrent test processes from installing at the same time.
/// </summary>
internal static class NodePackages
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static string? _installedDirectory;

    /// <summary>The folder holding run.js, with its packages installed.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        if (_installedDirectory is { } ready)
        {
            return ready;
        }

        await InProcess.WaitAsync();
        try
        {
            if (_installedDirectory is null)
            {
                var directory = FindProjectDirectory();
                await InstallAsync(directory);
                _installedDirectory = directory;
            }

            return _installedDirectory;
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static string FindProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "CloudMessaging.ServiceBusEmulator.Tests", "JavaScript");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The JavaScript test project (CloudMessaging.ServiceBusEmulator.Tests/JavaScript) was not found above " + AppContext.BaseDirectory);
    }

    private static async Task InstallAsync(string directory)
    {
        var marker = Path.Combine(directory, "node_modules", ".installed-lock-sha256");
        var wanted = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(directory, "package-lock.json"))));
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == wanted)
        {
            return;
        }

        await using var crossProcess = await AcquireFileLockAsync(Path.Combine(directory, ".npm-install.lock"));
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == wanted)
        {
            return;
        }

        var result = await NodeProcess.RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], directory, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed ({result.ExitCode}) in {directory}:\n{result.StandardOutput}\n{result.StandardError}");
        }

        await File.WriteAllTextAsync(marker, wanted);
    }

    // Another test process may be installing: wait for its lock rather than running npm ci over it.
    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
