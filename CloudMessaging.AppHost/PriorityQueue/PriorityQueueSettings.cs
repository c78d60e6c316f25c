using Microsoft.Extensions.Configuration;

namespace CloudMessaging.AppHost.PriorityQueue;

internal static class PriorityQueueSettings
{
    private const string Section = "PriorityQueue";

    /// <summary>
    /// Forwards the AppHost's <c>PriorityQueue</c> section (thresholds, concurrency per level) to a service as
    /// environment variables, so one setting (<c>--PriorityQueue:EscalateAfter 00:00:10</c>, or a test's argument)
    /// reaches the API and every worker replica alike. Unset knobs keep the services' own defaults.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPriorityQueueSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection(Section).AsEnumerable())
        {
            if (value is not null)
            {
                project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }

        return project;
    }
}
