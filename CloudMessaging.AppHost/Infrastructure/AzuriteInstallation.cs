using System.Diagnostics;

namespace CloudMessaging.AppHost.Infrastructure;

/// <summary>
/// Azurite comes from npm, pinned, into a git-ignored folder of the repository the first time the app host runs,
/// so that `dotnet run` is the whole set-up on a machine with Node.js.
/// </summary>
public sealed record AzuriteInstallation(string Directory)
{
    public const string PinnedVersion = "3.37.0";

    public string BlobServerScript => Path.Combine(Directory, "node_modules", "azurite", "dist", "src", "blob", "main.js");

    public static AzuriteInstallation EnsureInstalled(string directory)
    {
        var installation = new AzuriteInstallation(Path.GetFullPath(directory));
        if (File.Exists(installation.BlobServerScript))
        {
            return installation;
        }

        System.IO.Directory.CreateDirectory(installation.Directory);
        Console.WriteLine($"Installing Azurite {PinnedVersion} from npm into {installation.Directory} (first run only)...");
        var npm = Process.Start(new ProcessStartInfo("npm",
            ["install", "--prefix", installation.Directory, "--no-save", "--no-audit", "--no-fund", "--loglevel", "error", $"azurite@{PinnedVersion}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("npm could not be started: install Node.js 20 or later.");

        var errors = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        if (npm.ExitCode != 0 || !File.Exists(installation.BlobServerScript))
        {
            throw new InvalidOperationException($"npm install azurite@{PinnedVersion} failed (exit {npm.ExitCode}): {errors.Result}");
        }

        return installation;
    }
}
