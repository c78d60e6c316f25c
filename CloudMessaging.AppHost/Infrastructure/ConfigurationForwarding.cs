using Microsoft.Extensions.Configuration;

namespace CloudMessaging.AppHost.Infrastructure;

internal static class ConfigurationForwarding
{
    /// <summary>
    /// Forwards one section of the AppHost's configuration to a service as environment variables, so one setting
    /// (<c>--RequestReply:Lease 00:00:20</c>, or a test's argument) reaches the API and every worker replica alike.
    /// Unset knobs keep the services' own defaults.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfigurationSection(
        this IResourceBuilder<ProjectResource> project, IConfiguration configuration, string section)
    {
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
        {
            if (value is not null)
            {
                project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }

        return project;
    }
}
