using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// Learns the referenced blobs by peeking every message of the configured entities and of their dead-letter
/// queues, reading only the <see cref="ClaimCheckMessageProperties.BlobName"/> property.
/// </summary>
/// <remarks>
/// Peeking sees every message still in the entity: active, locked by a receiver, deferred and scheduled ones,
/// so a blob whose message is being processed right now counts as referenced. Dead-lettered messages count too:
/// their blobs are kept for inspection for as long as the dead-letter message exists. Each entity is peeked
/// before its dead-letter queue, so a message dead-lettered during the sweep is seen in one or the other. The
/// cost is one peek round trip per batch of messages, paid only when the sweeper found blobs old enough to delete.
/// </remarks>
public sealed class ServiceBusPendingClaimChecks(ServiceBusClient client, IOptions<ClaimCheckOptions> options) : IPendingClaimCheckSource
{
    private readonly ClaimCheckOptions _options = options.Value;

    public async Task<IReadOnlySet<string>> GetReferencedBlobNamesAsync(CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in _options.SweepEntities)
        {
            if (!ServiceBusEntityPath.TryParse(path, out var entity))
            {
                throw new InvalidOperationException($"'{path}' is not a Service Bus entity path.");
            }

            await CollectAsync(entity, SubQueue.None, referenced, cancellationToken).ConfigureAwait(false);
            await CollectAsync(entity, SubQueue.DeadLetter, referenced, cancellationToken).ConfigureAwait(false);
        }

        return referenced;
    }

    private async Task CollectAsync(ServiceBusEntityPath entity, SubQueue subQueue, HashSet<string> referenced, CancellationToken cancellationToken)
    {
        var receiverOptions = new ServiceBusReceiverOptions { SubQueue = subQueue };
        var receiver = entity.Subscription is null
            ? client.CreateReceiver(entity.QueueOrTopic, receiverOptions)
            : client.CreateReceiver(entity.QueueOrTopic, entity.Subscription, receiverOptions);

        await using (receiver.ConfigureAwait(false))
        {
            while (true)
            {
                // Each peek continues after the last message this receiver peeked.
                var batch = await receiver.PeekMessagesAsync(_options.SweepPeekBatchSize, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    if (message.TryGetClaimCheckBlobName(out var blobName))
                    {
                        referenced.Add(blobName);
                    }
                }
            }
        }
    }
}
