using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace CloudMessaging.Tests.Infrastructure;

/// <summary>
/// The worker replicas of the AppHost, addressed by their own ids ("workers-xyz"). The notification service's
/// wait-by-name helpers match the model's resource name, which every replica shares, so replicas are watched instead;
/// a watch starts with every resource's current state, so what already holds is seen at once.
/// </summary>
public static class WorkerReplicas
{
    public const string ResourceName = "workers";

    /// <summary>The id of the first replica whose state satisfies <paramref name="match"/>, or null within the timeout.</summary>
    public static async Task<string?> FindAsync(this AppHostFixture fixture, Func<ResourceEvent, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var change in fixture.App.ResourceNotifications.WatchAsync(cts.Token))
            {
                if (change.Resource.Name == ResourceName && change.ResourceId != ResourceName && match(change))
                {
                    return change.ResourceId;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }

        return null;
    }

    /// <summary>Starts a stopped or exited replica again and waits until it runs, so later tests find three replicas.</summary>
    public static async Task<ExecuteCommandResult> RestartAsync(this AppHostFixture fixture, string replicaId, TimeSpan timeout)
    {
        var start = await fixture.App.ResourceCommands.ExecuteCommandAsync(replicaId, KnownResourceCommands.StartCommand);
        if (await fixture.FindAsync(change => change.ResourceId == replicaId && IsRunning(change), timeout) is null)
        {
            throw new TimeoutException($"Replica {replicaId} did not run again within {timeout}.");
        }

        return start;
    }

    public static bool IsRunning(ResourceEvent change) => change.Snapshot.State?.Text == KnownResourceStates.Running;

    // The resource property in which the orchestrator reports the process it launched for an executable.
    private const string ExecutablePidProperty = "executable.pid";

    /// <summary>
    /// The worker replica whose name (host-pid, see ReplicaIdentity) a record shows, found among the AppHost's
    /// replicas by process id, so a test can never stop or kill a process that is not one of its own workers.
    /// </summary>
    public static async Task<(string Resource, int ProcessId)> FindByReplicaNameAsync(this AppHostFixture fixture, string replicaName)
    {
        var processId = int.Parse(replicaName[(replicaName.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
        var parentId = ParentProcessId(processId);

        var replica = await fixture.FindAsync(
            change => change.Snapshot.Properties.FirstOrDefault(p => p.Name == ExecutablePidProperty)?.Value is { } pid
                && Convert.ToInt32(pid, CultureInfo.InvariantCulture) is var launched
                && (launched == processId || launched == parentId),
            TimeSpan.FromSeconds(30));
        return replica is not null
            ? (replica, processId)
            : throw new InvalidOperationException($"No worker replica of this AppHost has process id {processId} ({replicaName}).");
    }

    // The orchestrator may launch the replica through `dotnet run`, whose child is the worker process itself.
    private static int ParentProcessId(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
