using Microsoft.Extensions.DependencyInjection;

namespace CloudMessaging.AppHost.Infrastructure;

internal static class GarnetExtensions
{
    /// <summary>
    /// Runs Garnet (Redis protocol) embedded in CloudMessaging.Garnet and exposes <c>host:port</c> under
    /// <paramref name="name"/>, the connection string StackExchange.Redis expects.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddGarnet(this IDistributedApplicationBuilder builder, string name)
    {
        var garnet = builder.AddProject<Projects.CloudMessaging_Garnet>($"{name}-garnet", options => options.ExcludeLaunchProfile = true)
            .WithEndpoint(name: "resp", scheme: "tcp", env: "REDIS_PORT", isProxied: false);
        var resp = garnet.GetEndpoint("resp");

        var healthCheckKey = $"{name}-garnet-ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => EndpointProbes.RedisPingAsync(resp, ct));
        garnet.WithHealthCheck(healthCheckKey);

        return builder.AddConnectionString(
                name,
                ReferenceExpression.Create($"{resp.Property(EndpointProperty.Host)}:{resp.Property(EndpointProperty.Port)}"))
            .WaitFor(garnet);
    }
}
