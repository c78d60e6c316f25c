using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Shared.PubSub;

/// <summary>
/// Publishes order events to the <c>orders</c> topic. Publishing never waits for a subscriber: it returns once the
/// broker has accepted the event.
/// </summary>
public sealed class OrderEventPublisher(ServiceBusClient client) : IAsyncDisposable
{
    private readonly ServiceBusSender sender = client.CreateSender(EntityNames.OrdersTopic);

    public Task PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default) =>
        sender.SendMessageAsync(OrderEventMessage.ToMessage(orderEvent), cancellationToken);

    /// <summary>Publishes the events in as few batches as the link's size limit allows, in order.</summary>
    public async Task PublishAsync(IReadOnlyList<OrderEvent> orderEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderEvents);
        var pending = new Queue<ServiceBusMessage>(orderEvents.Select(OrderEventMessage.ToMessage));
        while (pending.Count > 0)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
            while (pending.Count > 0 && batch.TryAddMessage(pending.Peek()))
            {
                pending.Dequeue();
            }

            if (batch.Count == 0)
            {
                throw new ServiceBusException(
                    $"Order event {pending.Peek().MessageId} is larger than the topic accepts.",
                    ServiceBusFailureReason.MessageSizeExceeded);
            }

            await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => sender.DisposeAsync();
}
