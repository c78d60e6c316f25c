using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Api.PriorityQueue;

/// <summary>Routes accepted tasks to the queue of their priority, with one long-lived sender per queue.</summary>
public sealed class TaskSender(ServiceBusClient client, TaskStore store, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly Dictionary<TaskPriority, ServiceBusSender> _senders =
        TaskPriorities.All.ToDictionary(level => level, level => client.CreateSender(level.QueueName()));

    /// <summary>
    /// Records every task as queued, then sends each level's tasks in as few batches as fit. The record comes
    /// first so a consumer never starts a task the store has not seen; if a send fails, the records of the tasks
    /// of that call are removed again and the caller gets the error (tasks already sent stay sent and are
    /// processed; the client may resubmit the rest).
    /// </summary>
    public async Task SendAsync(IReadOnlyList<DispatchedTask> tasks, CancellationToken cancellationToken)
    {
        var acceptedAt = timeProvider.GetUtcNow();
        await store.RecordAcceptedAsync([.. tasks.Select(t => (t.Id, t.Priority))], acceptedAt);
        var unsent = new List<DispatchedTask>(tasks);
        try
        {
            foreach (var level in tasks.GroupBy(t => t.Priority))
            {
                var sender = _senders[level.Key];
                var pending = new Queue<ServiceBusMessage>(level.Select(t => ToMessage(t, acceptedAt)));
                while (pending.Count > 0)
                {
                    using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
                    while (pending.Count > 0 && batch.TryAddMessage(pending.Peek()))
                    {
                        pending.Dequeue();
                    }

                    if (batch.Count == 0)
                    {
                        throw new InvalidOperationException($"Task {pending.Peek().MessageId} does not fit in a message.");
                    }

                    await sender.SendMessagesAsync(batch, cancellationToken);
                    var sent = batch.Count;
                    unsent.RemoveAll(t => t.Priority == level.Key && sent-- > 0);
                }
            }
        }
        catch
        {
            await store.ForgetAsync([.. unsent.Select(t => (t.Id, t.Priority))]);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }
    }

    private static ServiceBusMessage ToMessage(DispatchedTask task, DateTimeOffset acceptedAt) => new(BinaryData.FromObjectAsJson(task.Work))
    {
        MessageId = task.Id,
        ContentType = TaskMessageProperties.ContentType,
        ApplicationProperties =
        {
            [TaskMessageProperties.Priority] = task.Priority.Name(),
            [TaskMessageProperties.AcceptedAt] = acceptedAt.ToUnixTimeMilliseconds(),
            [TaskMessageProperties.Escalations] = 0,
        },
    };
}
