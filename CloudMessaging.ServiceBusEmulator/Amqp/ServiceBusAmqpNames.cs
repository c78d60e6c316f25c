using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>Names the Service Bus client uses on the wire, beyond the AMQP 1.0 standard.</summary>
internal static class ServiceBusAmqpNames
{
    public const string CbsNodeAddress = "$cbs";
    public const string ManagementNodeSuffix = "/$management";
    public const uint BatchedMessageFormat = 0x80013700;

    public static readonly MapKey SequenceNumber = new(new AmqpSymbol("x-opt-sequence-number"));
    public static readonly MapKey EnqueuedTime = new(new AmqpSymbol("x-opt-enqueued-time"));
    public static readonly MapKey LockedUntil = new(new AmqpSymbol("x-opt-locked-until"));
    public static readonly MapKey MessageState = new(new AmqpSymbol("x-opt-message-state"));
    public static readonly MapKey EnqueueSequenceNumber = new(new AmqpSymbol("x-opt-enqueue-sequence-number"));
    public static readonly MapKey ScheduledEnqueueTime = new(new AmqpSymbol("x-opt-scheduled-enqueue-time"));
    public static readonly MapKey DeadLetterSource = new(new AmqpSymbol("x-opt-deadletter-source"));
    public static readonly AmqpSymbol SessionFilter = new("com.microsoft:session-filter");
    public static readonly MapKey SessionFilterKey = new(SessionFilter);
    public static readonly MapKey Timeout = new(new AmqpSymbol("com.microsoft:timeout"));
    public static readonly MapKey LockedUntilUtc = new(new AmqpSymbol("com.microsoft:locked-until-utc"));
}
