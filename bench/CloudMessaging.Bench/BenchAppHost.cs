using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.Bench;

/// <summary>The whole AppHost for the scenarios that measure a pattern end to end, started as the Aspire tests start it.</summary>
internal static class BenchAppHost
{
    private static readonly string[] HealthCheckedResources = ["servicebus-emulator", "blobs-azurite", "redis-garnet", "api", "workers"];

    public static async Task<DistributedApplication> StartAsync(int replicas)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CloudMessaging_AppHost>(
            ["DcpPublisher:RandomizePorts=true", $"Workers:Replicas={replicas}"],
            (options, _) => options.DisableDashboard = true);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error)
            .AddFilter("System.Net.Http", LogLevel.Warning)
            // Health checks fail until each resource is up; the wait below is what matters.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical)
            // The resources' own console output (Azurite's access log, for one) would interleave with the figures.
            .AddFilter("CloudMessaging.AppHost.Resources", LogLevel.Warning));
        var app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(cts.Token);
        foreach (var resource in HealthCheckedResources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        return app;
    }
}
