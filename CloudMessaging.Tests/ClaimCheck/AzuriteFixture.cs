using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>
/// A real Azurite blob service from npm for the claim-check tests: installed into <c>.tools/azurite</c> of the
/// repository on first use (its node_modules folder is git-ignored), started in memory on a port the OS picks,
/// and stopped when the collection is done.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    public const string AzuriteVersion = "3.37.0";

    // Azurite's documented development account: public, and accepted by nothing but the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _azurite;
    private string? _workspace;

    public string ConnectionString { get; private set; } = "";

    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    public async Task InitializeAsync()
    {
        var blobMain = await EnsureInstalledAsync();
        // In-memory Azurite refuses --location; a scratch working directory keeps stray files out of the repo.
        _workspace = Directory.CreateTempSubdirectory("azurite-claimcheck-").FullName;

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workspace,
        };
        foreach (var argument in new[]
                 {
                     blobMain, "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--blobPort", "0",
                     "--silent", "--disableTelemetry",
                     // The SDK speaks a newer service version than this Azurite release knows by name.
                     "--skipApiVersionCheck",
                     "--extentMemoryLimit", "2048",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _azurite = new Process { StartInfo = start, EnableRaisingEvents = true };
        _azurite.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _azurite.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        _azurite.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"Azurite exited early:\n{Output}"));
        _azurite.Start();
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        Uri endpoint;
        try
        {
            endpoint = await _listening.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Azurite did not report its port within {StartTimeout}:\n{Output}");
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={endpoint}{AccountName};";
        await WaitUntilAnsweringAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
            await _azurite.WaitForExitAsync();
        }

        _azurite?.Dispose();
        if (_workspace is not null)
        {
            Directory.Delete(_workspace, recursive: true);
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var client = CreateBlobServiceClient();
        while (true)
        {
            try
            {
                await client.GetPropertiesAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    /// <summary>Returns the path of Azurite's blob entry script, running <c>npm install</c> first when missing.</summary>
    private static async Task<string> EnsureInstalledAsync()
    {
        var toolsDirectory = Path.Combine(FindRepositoryRoot(), ".tools", "azurite");
        var blobMain = Path.Combine(toolsDirectory, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        var packageJson = Path.Combine(toolsDirectory, "node_modules", "azurite", "package.json");
        if (File.Exists(blobMain) && IsPinnedVersion(packageJson))
        {
            return blobMain;
        }

        Directory.CreateDirectory(toolsDirectory);
        var install = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "install", "--prefix", toolsDirectory, "--no-save", "--no-audit", "--no-fund", $"azurite@{AzuriteVersion}" })
        {
            install.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(install) ?? throw new InvalidOperationException("npm could not be started; Node.js 20+ is required.");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm install azurite@{AzuriteVersion} took longer than {InstallTimeout}.");
        }

        if (npm.ExitCode != 0 || !File.Exists(blobMain))
        {
            throw new InvalidOperationException(
                $"npm install azurite@{AzuriteVersion} failed (exit code {npm.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return blobMain;
    }

    private static bool IsPinnedVersion(string packageJson) =>
        File.Exists(packageJson) && File.ReadAllText(packageJson).Contains($"\"version\": \"{AzuriteVersion}\"", StringComparison.Ordinal);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudMessaging.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CloudMessaging.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"successfully listens on (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
