using Microsoft.Extensions.DependencyInjection;

namespace CloudMessaging.AppHost.Infrastructure;

internal static class GarnetExtensions
{
    /// <summary>
    /// Runs Garnet (Redis protocol) embedded in CloudMessaging.Garnet and exposes <c>host:port</c> under
    /// <paramref name="name"/>, the connection string StackExchange.Redis expects. With <paramref name="state"/> every
    /// write goes to an append-only file committed before it is answered; checkpoints (whenever the file passes 64 MB,
    /// and on a graceful stop) let Garnet truncate it, and a start recovers the latest checkpoint and replays the
    /// file after it. No timed checkpoints: each writes the whole hash index (128 MB), a cost an idle local
    /// environment need not pay.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddGarnet(this IDistributedApplicationBuilder builder, string name, LocalState? state = null)
    {
        var garnet = builder.AddProject<Projects.CloudMessaging_Garnet>($"{name}-garnet", options => options.ExcludeLaunchProfile = true)
            .WithEndpoint(name: "resp", scheme: "tcp", env: "REDIS_PORT", isProxied: false);
        if (state is not null)
        {
            // RandomAccess: the managed file device; the native Linux one needs a library the package does not load here.
            garnet.WithArgs("--aof", "--aof-commit-freq", "0", "--checkpointdir", state.DirectoryFor("garnet"), "--recover", "--device-type", "RandomAccess");
            // Truncation drops whole AOF segments: 64 MB ones (not the default 1 GB) keep the directory small.
            garnet.WithArgs("--aof-size-limit", "64m", "--aof-segment-size", "64m");
        }

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
