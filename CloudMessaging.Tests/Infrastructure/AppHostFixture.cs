using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.Tests.Infrastructure;

/// <summary>
/// One running AppHost (emulator, Azurite, Garnet, API and three worker replicas) shared by every test of the
/// <see cref="AppHostCollection"/>. Ports are randomized so a test run never collides with a developer's
/// <c>dotnet run</c> of the same AppHost.
/// </summary>
public class AppHostFixture : IAsyncLifetime
{
    /// <summary>Every resource the AppHost declares that has a health check.</summary>
    public static readonly string[] HealthCheckedResources = ["servicebus-emulator", "blobs-azurite", "redis-garnet", "api", "workers", "web"];


    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public HttpClient Api { get; private set; } = null!;

    /// <summary>Settings a derived fixture adds to the AppHost's command line (a secured AppHost, fewer replicas).</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>
    /// First start on a fresh CI machine compiles nothing (dotnet test built it) but starts ten processes on 2 cores;
    /// a derived fixture that starts while other AppHosts run may need longer.
    /// </summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(4);

    /// <summary>Changes a derived fixture makes to the model before it is built (an app's environment).</summary>
    protected virtual Task ConfigureAsync(IDistributedApplicationTestingBuilder builder) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CloudMessaging_AppHost>(
            [
                "DcpPublisher:RandomizePorts=true",
                // Priority queue: escalate after seconds rather than the default minute, so ageing shows within a test.
                "PriorityQueue:EscalateAfter=00:00:03",
                "PriorityQueue:EscalationInterval=00:00:00.500",
                // Request-reply: a keep-alive comment on a quiet event stream every half second instead of 15 s.
                "RequestReply:EventStreamKeepAlive=00:00:00.500",
                .. ExtraArguments,
            ],
            (options, _) => options.DisableDashboard = true,
            cts.Token);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error));
        await ConfigureAsync(builder);

        _app = await builder.BuildAsync(cts.Token);
        await _app.StartAsync(cts.Token);
        foreach (var resource in HealthCheckedResources)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        Api = _app.CreateHttpClient("api", "http");
        Api.Timeout = TimeSpan.FromSeconds(30);
    }

    public virtual async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
