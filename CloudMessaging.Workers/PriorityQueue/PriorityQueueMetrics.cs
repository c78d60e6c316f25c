using System.Diagnostics.Metrics;
using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Workers.PriorityQueue;

/// <summary>The priority-queue meter (<see cref="MeterName"/>): how long tasks waited before work began, per priority, and the escalations. README "Observability".</summary>
public sealed class PriorityQueueMetrics
{
    public const string MeterName = "CloudMessaging.PriorityQueue";

    private readonly Histogram<double> _wait;
    private readonly Counter<long> _escalations;

    public PriorityQueueMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _wait = meter.CreateHistogram<double>("cloudmessaging.priorityqueue.wait", "s", "From acceptance to the start of work, by submitted priority and by the level that served it");
        _escalations = meter.CreateCounter<long>("cloudmessaging.priorityqueue.escalations", "{task}", "Aged tasks copied one level up, by from and to level");
    }

    public void Waited(TaskPriority submitted, TaskPriority servedBy, TimeSpan wait) =>
        _wait.Record(Math.Max(0, wait.TotalSeconds), new KeyValuePair<string, object?>("priority", submitted.Name()), new KeyValuePair<string, object?>("level", servedBy.Name()));

    public void Escalated(TaskPriority from, TaskPriority to) =>
        _escalations.Add(1, new KeyValuePair<string, object?>("from", from.Name()), new KeyValuePair<string, object?>("to", to.Name()));
}
