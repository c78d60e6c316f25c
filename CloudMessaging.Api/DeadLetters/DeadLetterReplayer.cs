using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.CompetingConsumers;

namespace CloudMessaging.Api.DeadLetters;

/// <summary>
/// Reads dead-letter queues and re-drives their messages. A message is only removed from the dead-letter queue after
/// its copy is on the entity: it is received under a lock, the copy is sent, then the original is completed. If the
/// replay fails halfway, what was not yet completed stays dead-lettered (its lock is released or expires); the worst
/// case is a message both re-sent and still dead-lettered, and a second replay then sends the same MessageId again,
/// which idempotent consumers absorb. Nothing is lost.
/// </summary>
public sealed partial class DeadLetterReplayer(ServiceBusClient client, ILogger<DeadLetterReplayer> logger)
{
    private const int ReceiveBatch = 100;

    private static readonly TimeSpan EmptyWait = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyList<DeadLetteredMessage>> PeekAsync(DeadLetterSource source, int max, CancellationToken cancellationToken)
    {
        await using var receiver = source.CreateDeadLetterReceiver(client, ServiceBusReceiveMode.PeekLock);
        var messages = new List<DeadLetteredMessage>();
        long? fromSequence = null;
        while (messages.Count < max)
        {
            var page = await receiver.PeekMessagesAsync(Math.Min(ReceiveBatch, max - messages.Count), fromSequence, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            messages.AddRange(page.Select(Describe));
            fromSequence = page[^1].SequenceNumber + 1;
        }

        return messages;
    }

    public async Task<ReplayResult> ReplayAsync(DeadLetterSource source, IReadOnlyCollection<string>? messageIds, CancellationToken cancellationToken)
    {
        var wanted = messageIds is null ? null : new HashSet<string>(messageIds, StringComparer.Ordinal);
        var replayed = new List<string>();
        // Messages not selected stay locked until the end, so the loop does not receive them again; then they are released.
        var held = new List<ServiceBusReceivedMessage>();
        await using var receiver = source.CreateDeadLetterReceiver(client, ServiceBusReceiveMode.PeekLock);
        await using var sender = client.CreateSender(source.SendTo);
        try
        {
            while (wanted is null || replayed.Count < wanted.Count)
            {
                var received = await receiver.ReceiveMessagesAsync(ReceiveBatch, EmptyWait, cancellationToken);
                if (received.Count == 0)
                {
                    break;
                }

                var selected = new List<ServiceBusReceivedMessage>();
                foreach (var message in received)
                {
                    (wanted is null || wanted.Contains(message.MessageId) ? selected : held).Add(message);
                }

                if (selected.Count == 0)
                {
                    continue;
                }

                // One send for the whole page: either every copy is on the entity or none is.
                await sender.SendMessagesAsync(selected.Select(message => Copy(message, source)), cancellationToken);
                foreach (var message in selected)
                {
                    await receiver.CompleteMessageAsync(message, cancellationToken);
                    replayed.Add(message.MessageId);
                }
            }
        }
        finally
        {
            await ReleaseAsync(receiver, held);
        }

        LogReplayed(replayed.Count, source.Path, source.SendTo);
        var notFound = wanted is null ? [] : wanted.Except(replayed, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ReplayResult(source.Path, source.SendTo, replayed.Count, replayed, notFound);
    }

    private static ServiceBusMessage Copy(ServiceBusReceivedMessage message, DeadLetterSource source)
    {
        // The copy keeps MessageId (the idempotency key), SessionId, body and properties; the dead-letter marks go.
        var copy = new ServiceBusMessage(message);
        copy.ApplicationProperties.Remove(DeadLetterPropertyNames.Reason);
        copy.ApplicationProperties.Remove(DeadLetterPropertyNames.Description);
        copy.ApplicationProperties[WorkProperties.ReplayCount] = ReplayCount(message) + 1;
        copy.ApplicationProperties[WorkProperties.ReplayedFrom] = message.DeadLetterReason ?? string.Empty;
        if (source.Subscription is { } subscription)
        {
            copy.ApplicationProperties[WorkProperties.ReplayedForSubscription] = subscription;
        }

        return copy;
    }

    private static DeadLetteredMessage Describe(ServiceBusReceivedMessage message) =>
        new(message.MessageId, message.SequenceNumber, message.DeadLetterReason, message.DeadLetterErrorDescription,
            message.DeliveryCount, message.EnqueuedTime, message.SessionId, message.Subject, ReplayCount(message));

    private static int ReplayCount(ServiceBusReceivedMessage message) =>
        message.ApplicationProperties.TryGetValue(WorkProperties.ReplayCount, out var value) && value is int count ? count : 0;

    private async Task ReleaseAsync(ServiceBusReceiver receiver, List<ServiceBusReceivedMessage> held)
    {
        foreach (var message in held)
        {
            try
            {
                await receiver.AbandonMessageAsync(message);
            }
            catch (ServiceBusException exception)
            {
                // The lock expires on its own; the message stays dead-lettered either way.
                LogReleaseFailed(exception, message.MessageId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} dead-lettered messages of {Entity} to {Target}")]
    private partial void LogReplayed(int count, string entity, string target);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not release dead-lettered message {MessageId}")]
    private partial void LogReleaseFailed(Exception exception, string messageId);
}
