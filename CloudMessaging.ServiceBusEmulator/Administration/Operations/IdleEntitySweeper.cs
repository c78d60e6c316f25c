using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>
/// AutoDeleteOnIdle: every <see cref="Period"/> deletes the queues, topics and subscriptions that have not been
/// used (no send, delivery or update) for their AutoDeleteOnIdle, as an administration delete would: their links
/// are detached with MessagingEntityNotFound.
/// </summary>
internal sealed class IdleEntitySweeper : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private readonly AdministrationContext _context;
    private readonly QueueOperations _queues;
    private readonly TopicOperations _topics;
    private readonly SubscriptionOperations _subscriptions;
    private readonly ITimer _timer;

    public IdleEntitySweeper(AdministrationContext context, QueueOperations queues, TopicOperations topics, SubscriptionOperations subscriptions)
    {
        _context = context;
        _queues = queues;
        _topics = topics;
        _subscriptions = subscriptions;
        _timer = context.Time.CreateTimer(_ => Sweep(), null, Period, Period);
    }

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        var now = _context.Time.GetUtcNow();
        foreach (var queue in _context.Namespace.Queues)
        {
            if (IsIdle(queue, queue.AccessedAt, now))
            {
                _queues.Delete(queue);
            }
        }

        foreach (var topic in _context.Namespace.Topics)
        {
            if (IsIdle(topic, topic.AccessedAt, now))
            {
                _topics.Delete(topic);
                continue;
            }

            foreach (var subscription in topic.Subscriptions)
            {
                if (IsIdle(subscription.Entity, subscription.Entity.AccessedAt, now))
                {
                    _subscriptions.Delete(topic, subscription);
                }
            }
        }
    }

    private bool IsIdle(object entity, DateTimeOffset accessedAt, DateTimeOffset now)
    {
        var metadata = _context.Metadata.Of(entity);
        if (metadata.AutoDeleteOnIdle == TimeSpan.MaxValue)
        {
            return false;
        }

        var lastUse = accessedAt > metadata.UpdatedAt ? accessedAt : metadata.UpdatedAt;
        return now - lastUse >= metadata.AutoDeleteOnIdle;
    }
}
