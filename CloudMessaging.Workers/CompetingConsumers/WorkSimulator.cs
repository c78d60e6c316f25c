using CloudMessaging.Shared.CompetingConsumers;

namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>The demo handler's "real work": waits on simulated I/O and fails as the item asks.</summary>
public static class WorkSimulator
{
    public static async Task RunAsync(WorkItem item, int replayCount, CancellationToken cancellationToken)
    {
        if (item.HandlerMilliseconds > 0)
        {
            await Task.Delay(item.HandlerMilliseconds, cancellationToken);
        }

        if (item.Poison && replayCount == 0)
        {
            throw new WorkItemFailedException("Poison item: fails on every delivery until it is replayed from the dead-letter queue.");
        }

        if (item.FailureRate > 0 && Random.Shared.NextDouble() < item.FailureRate)
        {
            throw new WorkItemFailedException("Transient failure (simulated).");
        }
    }
}
