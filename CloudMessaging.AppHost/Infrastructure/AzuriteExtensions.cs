using Microsoft.Extensions.DependencyInjection;

namespace CloudMessaging.AppHost.Infrastructure;

internal static class AzuriteExtensions
{
    private const string AccountName = "cloudmessaging";

    /// <summary>
    /// Runs Azurite's blob service from npm (installed on first run) in memory on loopback, with an account whose key
    /// is random per run, and exposes the blob connection string under <paramref name="name"/>. With
    /// <paramref name="state"/> the blobs are kept on disk and the key is the stored one.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddAzurite(this IDistributedApplicationBuilder builder, string name, LocalState? state = null)
    {
        var installation = AzuriteInstallation.EnsureInstalled(builder.AppHostDirectory);
        var generatedKey = LocalState.KeyFor(state, name, 64);
        var key = builder.AddParameter($"{name}-key", () => generatedKey, secret: true);

        var azurite = builder.AddExecutable($"{name}-azurite", "node", installation.Directory)
            .WithEndpoint(name: "blob", scheme: "http", isProxied: false);
        var blob = azurite.GetEndpoint("blob");

        azurite
            .WithArgs(context =>
            {
                context.Args.Add(installation.BlobServerScript);
                context.Args.Add("--blobHost");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--blobPort");
                context.Args.Add(blob.Property(EndpointProperty.TargetPort));
                if (state is null)
                {
                    context.Args.Add("--inMemoryPersistence");
                }
                else
                {
                    context.Args.Add("--location");
                    context.Args.Add(state.DirectoryFor("azurite"));
                }

                // The Azure SDK speaks a newer storage API version than a given Azurite release knows.
                context.Args.Add("--skipApiVersionCheck");
                context.Args.Add("--disableTelemetry");
            })
            .WithEnvironment("AZURITE_ACCOUNTS", ReferenceExpression.Create($"{AccountName}:{key}"));

        var healthCheckKey = $"{name}-azurite-answers";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => EndpointProbes.HttpAnswersAsync(blob, ct));
        azurite.WithHealthCheck(healthCheckKey);

        // An IP host, not the endpoint's "localhost" URL: the Storage SDK reads the account name from the path
        // (Azurite's path-style URLs) only for IP hosts and the well-known emulator ports. With "localhost" on a random
        // port it takes the account segment for the container, and every blob request misses its container.
        return builder.AddConnectionString(
                name,
                ReferenceExpression.Create(
                    $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={key};BlobEndpoint=http://127.0.0.1:{blob.Property(EndpointProperty.Port)}/{AccountName};"))
            .WaitFor(azurite);
    }
}
