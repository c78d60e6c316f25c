namespace CloudMessaging.ServiceBusEmulator.Telemetry;

/// <summary>
/// Attribute names and values of the OpenTelemetry messaging semantic conventions (and the Service Bus ones), plus
/// the few the conventions lack, prefixed <c>messaging.servicebus.</c> as theirs are.
/// </summary>
internal static class MessagingAttributes
{
    public const string System = "messaging.system";
    public const string SystemValue = "servicebus";
    public const string OperationName = "messaging.operation.name";
    public const string OperationType = "messaging.operation.type";
    public const string DestinationName = "messaging.destination.name";
    public const string SubscriptionName = "messaging.destination.subscription.name";
    public const string MessageId = "messaging.message.id";
    public const string DeliveryCount = "messaging.servicebus.message.delivery_count";
    public const string DispositionStatus = "messaging.servicebus.disposition_status";

    // Not in the conventions.
    public const string SequenceNumber = "messaging.servicebus.message.sequence_number";
    public const string DeadLetterReason = "messaging.servicebus.dead_letter_reason";
    public const string DeadLetterDescription = "messaging.servicebus.dead_letter_description";
    public const string Duplicate = "messaging.servicebus.duplicate";
    public const string LinkRole = "messaging.servicebus.link.role";
}
