namespace CloudMessaging.Shared.Hosting;

/// <summary>Names the running replica in logs and results, so a reader can see which replica did what.</summary>
public sealed class ReplicaIdentity
{
    private ReplicaIdentity(string name) => Name = name;

    public string Name { get; }

    /// <summary>
    /// Azure Container Apps names each replica in <c>CONTAINER_APP_REPLICA_NAME</c>; locally several replicas share
    /// one machine name, so the process id tells them apart.
    /// </summary>
    public static ReplicaIdentity FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("CONTAINER_APP_REPLICA_NAME") is { Length: > 0 } replica
            ? replica
            : $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}");

    public override string ToString() => Name;
}
