using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.AppHost.Infrastructure;

/// <summary>
/// What the emulator's dashboard commands do, over the protocols any client uses: the administration API (on the
/// AMQP port) for the counts, and receive-and-delete on the dead-letter queues for the purge.
/// </summary>
internal sealed class ServiceBusEntities(string connectionString) : IAsyncDisposable
{
    private const int MaxBatch = 500;

    // Dead letters counted a moment ago are delivered at once; waiting longer only means someone else took them.
    private static readonly TimeSpan EmptyWait = TimeSpan.FromSeconds(5);

    private readonly ServiceBusAdministrationClient _admin = new(connectionString);
    private readonly ServiceBusClient _client = new(connectionString);

    /// <summary>Every queue and subscription (<c>topic/Subscriptions/name</c>), by path.</summary>
    public async Task<IReadOnlyList<EntityCount>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new List<EntityCount>();
        await foreach (var queue in _admin.GetQueuesRuntimePropertiesAsync(cancellationToken))
        {
            counts.Add(new EntityCount(queue.Name, queue.ActiveMessageCount, queue.ScheduledMessageCount, queue.DeadLetterMessageCount));
        }

        await foreach (var topic in _admin.GetTopicsAsync(cancellationToken))
        {
            await foreach (var subscription in _admin.GetSubscriptionsRuntimePropertiesAsync(topic.Name, cancellationToken))
            {
                counts.Add(new EntityCount(
                    EntityCount.SubscriptionPath(topic.Name, subscription.SubscriptionName),
                    subscription.ActiveMessageCount,
                    0,
                    subscription.DeadLetterMessageCount));
            }
        }

        return [.. counts.OrderBy(c => c.Path, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Receives and deletes the <paramref name="count"/> dead letters the entity at <paramref name="path"/> held when
    /// counted (no more, so dead letters that keep coming cannot keep it running); returns how many it deleted.
    /// </summary>
    public async Task<int> PurgeDeadLettersAsync(string path, long count, CancellationToken cancellationToken)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete };
        await using var receiver = EntityCount.SplitSubscription(path) is ({ } topic, { } subscription)
            ? _client.CreateReceiver(topic, subscription, options)
            : _client.CreateReceiver(path, options);
        var deleted = 0;
        while (deleted < count)
        {
            var batch = await receiver.ReceiveMessagesAsync((int)Math.Min(MaxBatch, count - deleted), EmptyWait, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            deleted += batch.Count;
        }

        return deleted;
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
