namespace CloudMessaging.AppHost.Infrastructure;

internal static class CloudMessagingDependencies
{
    /// <summary>Gives a service the three connection strings and holds its start until all three are healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithCloudMessagingDependencies(
        this IResourceBuilder<ProjectResource> project,
        ServiceBusEmulatorResources serviceBus,
        IResourceBuilder<IResourceWithConnectionString> blobs,
        IResourceBuilder<IResourceWithConnectionString> redis) =>
        project
            .WithReference(serviceBus.ConnectionString)
            .WithReference(blobs)
            .WithReference(redis)
            .WaitFor(serviceBus.Emulator)
            .WaitFor(blobs)
            .WaitFor(redis);
}
