using System.Diagnostics.Metrics;

namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>The competing-consumers meter (<see cref="MeterName"/>): work items applied, duplicates suppressed and items dead-lettered. README "Observability".</summary>
public sealed class CompetingConsumersMetrics
{
    public const string MeterName = "CloudMessaging.CompetingConsumers";

    private readonly Counter<long> _applied;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _deadLettered;

    public CompetingConsumersMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _applied = meter.CreateCounter<long>("cloudmessaging.competingconsumers.applied", "{item}", "Work items whose effect was applied (once each), by queue");
        _duplicates = meter.CreateCounter<long>("cloudmessaging.competingconsumers.duplicates_suppressed", "{delivery}", "Deliveries of an item already applied, completed without effect, by queue");
        _deadLettered = meter.CreateCounter<long>("cloudmessaging.competingconsumers.dead_lettered", "{item}", "Work items dead-lettered, by queue and reason");
    }

    // The idempotency scope of a queue's items is named after the queue (WorkStore.IdempotencyScope, OrderedIdempotencyScope).
    public void Applied(string queue) => _applied.Add(1, Queue(queue));

    public void DuplicateSuppressed(string queue) => _duplicates.Add(1, Queue(queue));

    public void DeadLettered(string queue, string reason) => _deadLettered.Add(1, Queue(queue), new KeyValuePair<string, object?>("reason", reason));

    private static KeyValuePair<string, object?> Queue(string queue) => new("queue", queue);
}
