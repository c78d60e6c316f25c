using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using CloudMessaging.AppHost.Infrastructure;

namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>
/// A real Azurite blob service from npm for the claim-check tests: installed by the app host's
/// <see cref="AzuriteInstallation"/> on first use, started in memory on a port the OS picks, and stopped when the
/// collection is done.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    // Azurite's documented development account: public, and accepted by nothing but the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _azurite;
    private string? _workspace;

    public string ConnectionString { get; private set; } = "";

    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    public async Task InitializeAsync()
    {
        // The app host's installer (no npm call of our own): one pinned version, and one install at a time.
        // (For an app host, Aspire's generated ProjectPath is its folder.)
        var installation = await Task.Run(() => AzuriteInstallation.EnsureInstalled(Projects.CloudMessaging_AppHost.ProjectPath));
        var blobMain = installation.BlobServerScript;
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

    [GeneratedRegex(@"successfully listens on (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
