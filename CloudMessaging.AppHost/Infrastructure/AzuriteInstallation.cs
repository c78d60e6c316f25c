using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CloudMessaging.AppHost.Infrastructure;

/// <summary>
/// The one Azurite installer, used by the app host and the claim-check tests. The release is pinned once, by the
/// checked-in <c>CloudMessaging.AppHost/azurite/package-lock.json</c>; it is installed with <c>npm ci</c> into the
/// git-ignored <c>.tools/azurite</c> of the repository, and installed again whenever that lock and what is
/// installed disagree, so a version bump takes effect on the next run.
/// </summary>
public sealed record AzuriteInstallation(string Directory)
{
    private const string ManifestFolder = "azurite";
    private static readonly string[] ManifestFiles = ["package.json", "package-lock.json"];
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(200);

    public string BlobServerScript => Path.Combine(Directory, "node_modules", "azurite", "dist", "src", "blob", "main.js");

    private string InstalledPackageJson => Path.Combine(Directory, "node_modules", "azurite", "package.json");

    /// <summary>
    /// Returns the installation for the app host in <paramref name="appHostDirectory"/>, installing first when it
    /// is missing or differs from the pinned one. Safe to call from several threads and processes at once: a file
    /// lock lets one of them install while the others wait for it.
    /// </summary>
    public static AzuriteInstallation EnsureInstalled(string appHostDirectory)
    {
        var manifest = Path.GetFullPath(Path.Combine(appHostDirectory, ManifestFolder));
        var tools = Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".tools"));
        var installation = new AzuriteInstallation(Path.Combine(tools, "azurite"));
        var pinnedVersion = PinnedVersion(manifest);

        System.IO.Directory.CreateDirectory(tools);
        using (AcquireInstallLock(Path.Combine(tools, "azurite.install.lock")))
        {
            if (!installation.Matches(manifest, pinnedVersion))
            {
                installation.Install(manifest, pinnedVersion);
            }
        }

        return installation;
    }

    private bool Matches(string manifest, string pinnedVersion) =>
        File.Exists(BlobServerScript)
        && InstalledVersion() == pinnedVersion
        && ManifestFiles.All(file => SameContent(Path.Combine(manifest, file), Path.Combine(Directory, file)));

    private void Install(string manifest, string pinnedVersion)
    {
        Console.WriteLine($"Installing Azurite {pinnedVersion} from npm into {Directory}...");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in ManifestFiles)
        {
            File.Copy(Path.Combine(manifest, file), Path.Combine(Directory, file), overwrite: true);
        }

        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel", "error" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started: install Node.js 20 or later.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        if (!npm.WaitForExit(InstallTimeout))
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci of Azurite {pinnedVersion} in {Directory} took longer than {InstallTimeout}.");
        }

        if (npm.ExitCode != 0 || !Matches(manifest, pinnedVersion))
        {
            throw new InvalidOperationException(
                $"npm ci of Azurite {pinnedVersion} in {Directory} failed (exit {npm.ExitCode}, installed {InstalledVersion() ?? "nothing"}):\n{output.Result}\n{errors.Result}");
        }
    }

    private string? InstalledVersion() =>
        File.Exists(InstalledPackageJson) ? JsonNode.Parse(File.ReadAllText(InstalledPackageJson))?["version"]?.GetValue<string>() : null;

    /// <summary>The version the lock resolves azurite to: the exact release <c>npm ci</c> installs.</summary>
    private static string PinnedVersion(string manifest) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(manifest, "package-lock.json")))?["packages"]?["node_modules/azurite"]?["version"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"{manifest}/package-lock.json does not pin azurite.");

    private static bool SameContent(string expected, string actual) =>
        File.Exists(actual) && File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual));

    /// <summary>
    /// An exclusive open of the lock file (an OS lock, so it also holds between processes and is released when
    /// a holder dies); waits as long as an install may take.
    /// </summary>
    private static FileStream AcquireInstallLock(string path)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(LockPollInterval);
            }
        }
    }
}
