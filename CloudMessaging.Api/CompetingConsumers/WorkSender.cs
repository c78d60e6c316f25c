using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.CompetingConsumers;

namespace CloudMessaging.Api.CompetingConsumers;

/// <summary>
/// Puts work items on the queues, each with a MessageId that identifies it for good (the idempotency key). One
/// long-lived sender per queue: a sender opens its AMQP link on first use, which per request would cost a link
/// attach and detach each time.
/// </summary>
public sealed class WorkSender(ServiceBusClient client, WorkStore store) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public async Task SendAsync(string id, WorkItem item, CancellationToken cancellationToken)
    {
        await SenderFor(EntityNames.WorkQueue).SendMessageAsync(ToMessage(id, sessionId: null, item), cancellationToken);
        await store.CountAcceptedAsync(batchId: null, 1);
    }

    /// <summary>
    /// Sends the messages in as few batches as fit, building each message only when the batch being filled asks for
    /// it, so a request never holds more than one SDK batch in memory; counts each batch as accepted once the broker
    /// has it.
    /// </summary>
    public async Task SendManyAsync(string queue, string? batchId, IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken)
    {
        var sender = SenderFor(queue);
        using var next = messages.GetEnumerator();
        var pending = next.MoveNext() ? next.Current : null;
        while (pending is not null)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
            while (pending is not null && batch.TryAddMessage(pending))
            {
                pending = next.MoveNext() ? next.Current : null;
            }

            if (batch.Count == 0)
            {
                throw new InvalidOperationException("A work item does not fit in an empty batch.");
            }

            await sender.SendMessagesAsync(batch, cancellationToken);
            await store.CountAcceptedAsync(batchId, batch.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }
    }

    public static ServiceBusMessage ToMessage(string id, string? sessionId, WorkItem item) =>
        new(BinaryData.FromObjectAsJson(item, Json))
        {
            MessageId = id,
            SessionId = sessionId,
            ContentType = "application/json",
            Subject = "WorkItem",
        };

    private ServiceBusSender SenderFor(string queue) => _senders.GetOrAdd(queue, client.CreateSender);
}
