using Microsoft.Extensions.Configuration;
using CloudMessaging.AppHost.Infrastructure;

namespace CloudMessaging.AppHost.Security;

internal static class ApiSecuritySettings
{
    /// <summary>
    /// Locally the API is open and fault injection is on. <c>--Security:RequireAuthentication true</c> makes it check
    /// tokens as in Azure, signed with the development key (or <c>--Security:SigningKey</c>, as tests pass);
    /// <c>--Demo:FaultInjection false</c> refuses every fault switch, as in Azure.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithApiSecurity(this IResourceBuilder<ProjectResource> api, IConfiguration configuration)
    {
        api.WithConfigurationSection(configuration, "Security");
        api.WithEnvironment("Demo__FaultInjection", configuration["Demo:FaultInjection"] ?? "true");
        if (!configuration.GetValue("Security:RequireAuthentication", false))
        {
            // Open, every local client is one anonymous caller (one IP): the limits meant per caller would throttle
            // the tests and benchmarks as a whole, so locally they are generous unless set.
            return api
                .WithDefault(configuration, "RequestsPerMinute", "60000")
                .WithDefault(configuration, "ConcurrentUploads", "100")
                .WithDefault(configuration, "ConcurrentEventStreams", "100");
        }

        return api
            .WithEnvironment("Security__SigningKey", configuration["Security:SigningKey"] ?? DevelopmentSigningKey.LoadOrCreate())
            .WithEnvironment("Security__Issuer", DevelopmentTokens.Issuer)
            .WithEnvironment("Security__Audience", DevelopmentTokens.Audience);
    }

    private static IResourceBuilder<ProjectResource> WithDefault(
        this IResourceBuilder<ProjectResource> api, IConfiguration configuration, string key, string value) =>
        configuration[$"Security:{key}"] is null ? api.WithEnvironment($"Security__{key}", value) : api;
}
