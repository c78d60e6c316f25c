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
}
