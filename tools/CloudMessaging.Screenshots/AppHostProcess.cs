using System.Diagnostics;

namespace CloudMessaging.Screenshots;

/// <summary>
/// The AppHost as a developer runs it (its launch profile: dashboard on 15080, API on 5080), with the dashboard's
/// login switched off for this run so a browser with no token can open it. Stopped, with all it started, on dispose.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    public static readonly Uri ApiUrl = new("http://localhost:5080");

    public static readonly Uri DashboardUrl = new("http://localhost:15080");

    // Includes the build dotnet run does first, which takes minutes on a loaded 2-core machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(15);

    private readonly Process _process;

    private AppHostProcess(Process process) => _process = process;

    public static async Task<AppHostProcess> StartAsync(string repositoryRoot)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(repositoryRoot, "CloudMessaging.AppHost")])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";

        // The logs screenshot shows a worker's line for one job: routine successes log at Debug (README, Observability).
        // The apps inherit the AppHost's environment.
        start.Environment["Logging__LogLevel__CloudMessaging.Workers.RequestReply"] = "Debug";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet run did not start.");
        process.OutputDataReceived += (_, e) => Console.WriteLine($"apphost | {e.Data}");
        process.ErrorDataReceived += (_, e) => Console.Error.WriteLine($"apphost | {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var appHost = new AppHostProcess(process);
        try
        {
            await appHost.WaitUntilAnsweringAsync(new Uri(ApiUrl, "/health"));
            await appHost.WaitUntilAnsweringAsync(DashboardUrl);
            return appHost;
        }
        catch
        {
            await appHost.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited ({_process.ExitCode}) before {url} answered.");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not answer within {StartTimeout}.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
