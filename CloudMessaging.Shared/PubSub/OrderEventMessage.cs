using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Shared.PubSub;

/// <summary>Maps an <see cref="OrderEvent"/> to and from its Service Bus message.</summary>
public static class OrderEventMessage
{
    public const string ContentType = "application/cloudevents+json";

    public static ServiceBusMessage ToMessage(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(orderEvent, OrderEventJsonContext.Default.OrderEvent))
        {
            MessageId = orderEvent.Id,
            Subject = orderEvent.Type,
            CorrelationId = orderEvent.Data.OrderId,
            ContentType = ContentType,
        };

        // Filters compare numbers; a double is the numeric type every filter engine and SDK agree on.
        message.ApplicationProperties[OrderEventProperties.EventType] = orderEvent.Type;
        message.ApplicationProperties[OrderEventProperties.OrderId] = orderEvent.Data.OrderId;
        message.ApplicationProperties[OrderEventProperties.Total] = (double)orderEvent.Data.Total;
        message.ApplicationProperties[OrderEventProperties.Country] = orderEvent.Data.Country;
        message.ApplicationProperties[OrderEventProperties.CustomerTier] = orderEvent.Data.CustomerTier;
        return message;
    }

    public static OrderEvent FromMessage(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Deserialize(message.Body.ToMemory().Span, OrderEventJsonContext.Default.OrderEvent)
            ?? throw new InvalidOperationException($"Message {message.MessageId} has an empty order event body.");
    }
}
