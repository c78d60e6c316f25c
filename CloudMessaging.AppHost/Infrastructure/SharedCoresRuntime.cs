namespace CloudMessaging.AppHost.Infrastructure;

internal static class SharedCoresRuntime
{
    /// <summary>
    /// Run locally, every .NET process of the app (API, worker replicas, emulator, Garnet) shares the developer's few
    /// cores. Server GC (a heap and a GC thread per core in each process) and the thread pool's spin-waiting before it
    /// sleeps are right for a process that has its machine to itself, and burn the cores the others need when ten
    /// processes share two. So locally each gets workstation GC and no spinning; a deployment keeps the defaults.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSharedCoresRuntime(this IResourceBuilder<ProjectResource> project) =>
        project.ApplicationBuilder.ExecutionContext.IsRunMode
            ? project
                .WithEnvironment("DOTNET_gcServer", "0")
                .WithEnvironment("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0")
            : project;
}
