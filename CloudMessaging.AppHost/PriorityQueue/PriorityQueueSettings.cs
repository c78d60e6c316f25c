using Microsoft.Extensions.Configuration;
using CloudMessaging.AppHost.Infrastructure;

namespace CloudMessaging.AppHost.PriorityQueue;

internal static class PriorityQueueSettings
{
    /// <summary>Forwards the AppHost's <c>PriorityQueue</c> section (thresholds, concurrency per level) to a service.</summary>
    public static IResourceBuilder<ProjectResource> WithPriorityQueueSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration) =>
        project.WithConfigurationSection(configuration, "PriorityQueue");
}
