using System.Globalization;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PriorityQueue;
using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.PriorityQueue;

/// <summary>
/// The dedicated consumer of one priority level: its own processor on its own queue with its own concurrency, so
/// a full low queue never takes a handler away from high, and low always has at least one handler of its own.
/// </summary>
public sealed partial class PriorityTaskProcessor(
    TaskPriority level,
    ServiceBusClient client,
    TaskStore tasks,
    PriorityQueueMetrics metrics,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    TimeProvider timeProvider,
    PriorityQueueOptions options,
    ILogger<PriorityTaskProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, level.QueueName(), new ServiceBusProcessorOptions
    {
        MaxConcurrentCalls = options.ConcurrencyOf(level),
        // Prefetched messages would sit locked in this replica, invisible to the escalator and to other replicas.
        PrefetchCount = 0,
    })
{
    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        var message = args.Message;
        var id = message.MessageId;
        var startedAt = timeProvider.GetUtcNow();
        switch (await tasks.TryStartAsync(id, level, Replica.Name, startedAt))
        {
            case TaskStartOutcome.AlreadyCompleted:
                LogAlreadyCompleted(id, level.Name());
                return;
            case TaskStartOutcome.EscalatedAway:
                // The usual end of an escalated task's original: its copy one level up does the work.
                LogEscalatedAway(id, level.Name());
                return;
        }

        var priority = TaskPriorities.TryParse(message.ApplicationProperties.GetValueOrDefault(TaskMessageProperties.Priority) as string, out var submitted) ? submitted : level;
        var acceptedAt = message.ApplicationProperties.GetValueOrDefault(TaskMessageProperties.AcceptedAt) is { } accepted
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(accepted, CultureInfo.InvariantCulture))
            : message.EnqueuedTime;
        metrics.Waited(priority, level, startedAt - acceptedAt);

        var work = message.Body.ToObjectFromJson<TaskWork>() ?? throw new InvalidOperationException($"Task {id} has an empty body.");
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(work.WorkMilliseconds, options.MaxWorkTime.TotalMilliseconds)), timeProvider, cancellationToken);

        if (!await tasks.CompleteOnceAsync(id, priority, level, Replica.Name, acceptedAt, startedAt))
        {
            LogCompletedElsewhere(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Id} already completed; duplicate delivery on {Level} completed without work")]
    private partial void LogAlreadyCompleted(string id, string level);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {Id} was escalated from {Level}; its original is completed without work")]
    private partial void LogEscalatedAway(string id, string level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {Id} was completed by another delivery while this one worked; its effect was not applied again")]
    private partial void LogCompletedElsewhere(string id);
}
