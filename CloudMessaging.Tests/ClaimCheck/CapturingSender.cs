using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>
/// Stands in for the sender at the point where a message would leave for Service Bus, recording it (or failing as
/// a broken connection would). The claim-check tests need the message, not the broker: the real Service Bus path
/// is covered by the pattern's end-to-end tests.
/// </summary>
public sealed class CapturingSender(Exception? failWith = null) : ServiceBusSender
{
    public List<ServiceBusMessage> Sent { get; } = [];

    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        if (failWith is not null)
        {
            return Task.FromException(failWith);
        }

        Sent.Add(message);
        return Task.CompletedTask;
    }

    public override Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default)
    {
        if (failWith is not null)
        {
            return Task.FromException(failWith);
        }

        Sent.AddRange(messages);
        return Task.CompletedTask;
    }

    /// <summary>What a receiver would get for <paramref name="message"/>: the same AMQP message, received.</summary>
    public static ServiceBusReceivedMessage AsReceived(ServiceBusMessage message) =>
        ServiceBusReceivedMessage.FromAmqpMessage(message.GetRawAmqpMessage(), BinaryData.FromBytes(Guid.NewGuid().ToByteArray()));
}
