namespace CloudMessaging.ServiceBusEmulator.Filters.Messages;

/// <summary>
/// The broker-side message properties a SQL filter reaches as <c>sys.&lt;Name&gt;</c>: the public properties of
/// the service's message (BrokeredMessage names, with the newer SDK names accepted as aliases).
/// </summary>
public enum SystemProperty
{
    MessageId,
    CorrelationId,
    ContentType,

    /// <summary>Called Subject in Azure.Messaging.ServiceBus; <c>sys.Subject</c> is accepted as an alias.</summary>
    Label,
    ReplyTo,
    ReplyToSessionId,
    SessionId,
    To,
    PartitionKey,
    ViaPartitionKey,
    TimeToLive,
    ScheduledEnqueueTimeUtc,
    SequenceNumber,
    EnqueuedSequenceNumber,
    EnqueuedTimeUtc,
    ExpiresAtUtc,
    LockedUntilUtc,
    LockToken,
    DeliveryCount,
    Size,
    DeadLetterSource,
}
