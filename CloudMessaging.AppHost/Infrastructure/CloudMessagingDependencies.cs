namespace CloudMessaging.AppHost.Infrastructure;

internal static class CloudMessagingDependencies
{
    /// <summary>Gives a service the three connection strings and holds its start until each is available (each waits for its server to be healthy).</summary>
    public static IResourceBuilder<ProjectResource> WithCloudMessagingDependencies(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString> serviceBus,
        IResourceBuilder<IResourceWithConnectionString> blobs,
        IResourceBuilder<IResourceWithConnectionString> redis) =>
        project
            .WithReference(serviceBus)
            .WithReference(blobs)
            .WithReference(redis)
            .WaitFor(serviceBus)
            .WaitFor(blobs)
            .WaitFor(redis);
}
