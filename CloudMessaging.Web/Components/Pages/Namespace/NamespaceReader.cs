using System.Globalization;
using System.Text;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.Web.Components.Pages.Namespace;

/// <summary>
/// Reads the namespace for the explorer through the SDK: counts from the administration API's runtime properties,
/// messages by peeking (which takes nothing away and locks nothing). The same calls work against Azure, where
/// <c>Azure:ServiceBus:FullyQualifiedNamespace</c> and a credential replace the emulator's connection string.
/// </summary>
public sealed class NamespaceReader : IAsyncDisposable
{
    public const int PreviewBytes = 512;

    private readonly ServiceBusAdministrationClient _admin;
    private readonly ServiceBusClient _client;

    public NamespaceReader(IConfiguration configuration)
    {
        if (configuration.GetConnectionString("servicebus") is { Length: > 0 } connectionString)
        {
            _admin = new ServiceBusAdministrationClient(connectionString);
            _client = new ServiceBusClient(connectionString);
        }
        else
        {
            var fullyQualifiedNamespace = configuration["Azure:ServiceBus:FullyQualifiedNamespace"]
                ?? throw new InvalidOperationException("Set ConnectionStrings:servicebus or Azure:ServiceBus:FullyQualifiedNamespace.");
            var credential = new DefaultAzureCredential();
            _admin = new ServiceBusAdministrationClient(fullyQualifiedNamespace, credential);
            _client = new ServiceBusClient(fullyQualifiedNamespace, credential);
        }
    }

    public async Task<IReadOnlyList<EntityRow>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = new List<EntityRow>();
        await foreach (var queue in _admin.GetQueuesRuntimePropertiesAsync(cancellationToken))
        {
            rows.Add(new EntityRow(queue.Name, EntityKind.Queue, queue.ActiveMessageCount, queue.ScheduledMessageCount, queue.DeadLetterMessageCount, queue.SizeInBytes, null));
        }

        await foreach (var topic in _admin.GetTopicsRuntimePropertiesAsync(cancellationToken))
        {
            rows.Add(new EntityRow(topic.Name, EntityKind.Topic, 0, topic.ScheduledMessageCount, 0, topic.SizeInBytes, $"{topic.SubscriptionCount} subscriptions"));
            await foreach (var subscription in _admin.GetSubscriptionsRuntimePropertiesAsync(topic.Name, cancellationToken))
            {
                rows.Add(new EntityRow(
                    $"{topic.Name}/subscriptions/{subscription.SubscriptionName}", EntityKind.Subscription,
                    subscription.ActiveMessageCount, 0, subscription.DeadLetterMessageCount, 0, null));
            }
        }

        return rows;
    }

    /// <summary>Peeks up to <paramref name="max"/> messages of an entity or of its dead-letter queue.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(EntityRow entity, bool deadLetters, int max, CancellationToken cancellationToken)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = deadLetters ? SubQueue.DeadLetter : SubQueue.None };
        await using var receiver = entity.Kind == EntityKind.Subscription
            ? _client.CreateReceiver(entity.Path.Split('/')[0], entity.Path.Split('/')[2], options)
            : _client.CreateReceiver(entity.Path, options);
        var messages = await receiver.PeekMessagesAsync(max, cancellationToken: cancellationToken);
        return [.. messages.Select(Describe)];
    }

    private static PeekedMessage Describe(ServiceBusReceivedMessage message)
    {
        var body = message.Body.ToMemory();
        return new PeekedMessage(
            message.SequenceNumber,
            message.MessageId,
            message.Subject,
            message.ContentType,
            message.CorrelationId,
            message.SessionId,
            message.EnqueuedTime,
            message.ScheduledEnqueueTime == default ? null : message.ScheduledEnqueueTime,
            message.DeliveryCount,
            message.State.ToString(),
            message.DeadLetterReason,
            message.DeadLetterErrorDescription,
            [.. message.ApplicationProperties.Select(property => KeyValuePair.Create(property.Key, Convert.ToString(property.Value, CultureInfo.InvariantCulture) ?? ""))],
            body.Length,
            Preview(body.Span));
    }

    /// <summary>The first bytes as text when they are UTF-8, otherwise as hex.</summary>
    private static string Preview(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, PreviewBytes)];
        var more = body.Length > head.Length ? " …" : "";
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(head);
            return text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? Convert.ToHexString(head) + more : text + more;
        }
        catch (DecoderFallbackException)
        {
            // Binary, or a multi-byte character cut at the preview's end: hex says the truth either way.
            return Convert.ToHexString(head) + more;
        }
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
