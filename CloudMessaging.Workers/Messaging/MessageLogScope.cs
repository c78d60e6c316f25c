using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Workers.Messaging;

/// <summary>
/// The logging scope every handler runs in: each line it logs carries the entity, the message id, the delivery count
/// (and the session, for a session entity), under OpenTelemetry's messaging names, so the dashboard's structured logs
/// filter to one message by <c>messaging.message.id</c>; the trace id comes with the processor's activity. See README
/// "Observability".
/// </summary>
public static class MessageLogScope
{
    public const string Entity = "messaging.destination.name";

    public const string MessageId = "messaging.message.id";

    public const string DeliveryCount = "messaging.servicebus.message.delivery_count";

    public const string SessionId = "messaging.servicebus.session.id";

    public static IDisposable? Begin(ILogger logger, string entityPath, ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(message);
        List<KeyValuePair<string, object?>> state =
        [
            new(Entity, entityPath),
            new(MessageId, message.MessageId),
            new(DeliveryCount, message.DeliveryCount),
        ];
        if (message.SessionId is { } sessionId)
        {
            state.Add(new(SessionId, sessionId));
        }

        return logger.BeginScope(state);
    }
}
