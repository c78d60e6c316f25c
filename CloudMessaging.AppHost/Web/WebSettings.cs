using Microsoft.Extensions.Configuration;
using CloudMessaging.AppHost.Security;

namespace CloudMessaging.AppHost.Web;

internal static class WebSettings
{
    /// <summary>
    /// The pattern explorer (CloudMessaging.Web) on fixed port 5090 (<c>Web:Port</c>), reaching the API by service
    /// discovery and the namespace's administration API with the emulator's connection string. It is a local tool,
    /// not deployed (azure.yaml has no web service): when the local API requires tokens, it gets a development token
    /// with both roles, minted with the key the API checks. See docs/web.md.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPatternExplorer(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, IResourceBuilder<IResourceWithConnectionString> serviceBus)
    {
        var configuration = builder.Configuration;
        var web = builder.AddProject<Projects.CloudMessaging_Web>("web", options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: configuration.GetValue("Web:Port", 5090), name: "http")
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")
            .WithReference(api)
            .WithReference(serviceBus)
            .WaitFor(api)
            .WithEnvironment("Demo__FaultInjection", configuration["Demo:FaultInjection"] ?? "true");

        if (configuration.GetValue("Security:RequireAuthentication", false))
        {
            var key = Convert.FromBase64String(configuration["Security:SigningKey"] ?? DevelopmentSigningKey.LoadOrCreate());
            web.WithEnvironment("Web__ApiToken", DevelopmentTokens.Mint(key, "pattern-explorer", ["user", "operator"], TimeSpan.FromDays(7)));
        }

        return web;
    }
}
