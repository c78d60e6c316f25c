using System.Diagnostics;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// One message held by an entity. The sender's AMQP encoding is kept as is and re-annotated on every delivery, so
/// every section the client set round-trips untouched; the broker only reads the few fields it acts on.
/// Mutable state is guarded by the owning entity's lock.
/// </summary>
internal sealed class BrokerMessage
{
    public BrokerMessage(byte[] encoded, MessageHeaderFields fields, object? encodingLayout = null)
    {
        Encoded = encoded;
        Fields = fields;
        EncodingLayout = encodingLayout;
    }

    /// <summary>The complete AMQP encoding of the message as the sender produced it.</summary>
    public byte[] Encoded { get; }

    public MessageHeaderFields Fields { get; }

    /// <summary>What the protocol side learnt about <see cref="Encoded"/> on arrival, to re-annotate it cheaply; opaque here.</summary>
    public object? EncodingLayout { get; }

    public long SequenceNumber { get; set; }

    public DateTimeOffset EnqueuedTime { get; set; }

    /// <summary>DateTimeOffset.MaxValue when the message never expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset ScheduledEnqueueTime { get; set; }

    /// <summary>How many times the message has been locked; the header carries the value before the current lock.</summary>
    public int DeliveryCount { get; set; }

    public MessageState State { get; set; }

    public Guid LockToken { get; set; }

    public DateTimeOffset LockedUntil { get; set; }

    public bool IsLocked => LockToken != Guid.Empty;

    /// <summary>
    /// The transaction that has staged a settlement of this message: until it ends, the lock does not expire and
    /// nothing else settles the message. Null when no transaction holds it.
    /// </summary>
    public BrokerTransaction? HeldBy { get; set; }

    /// <summary>False once completed, dead-lettered, expired, cancelled or received in ReceiveAndDelete mode.</summary>
    public bool IsLive { get; set; }

    /// <summary>Sequence number in the entity the message first arrived in, for auto-forwarded and dead-lettered copies.</summary>
    public long OriginalSequenceNumber { get; set; }

    /// <summary>
    /// Application properties set by the broker or by a settlement's properties-to-modify; they override the
    /// sender's values on delivery. Null until the first change.
    /// </summary>
    public Dictionary<string, object?>? PropertyOverrides { get; private set; }

    public string? DeadLetterSource { get; set; }

    /// <summary>
    /// The trace this message belongs to: the producer's (read on arrival while telemetry listens), then the broker's
    /// latest span for it. Default when untraced. See docs/emulator-telemetry.md.
    /// </summary>
    public ActivityContext TraceContext { get; set; }

    // Intrusive links into the entity's lock-expiry list, ordered by LockedUntil; avoids one node per lock.
    internal BrokerMessage? LockPrevious;
    internal BrokerMessage? LockNext;

    public void ApplyPropertyOverrides(IReadOnlyDictionary<string, object?>? properties)
    {
        if (properties is null || properties.Count == 0)
        {
            return;
        }

        PropertyOverrides ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            PropertyOverrides[key] = value;
        }
    }

    public void SetPropertyOverride(string key, object? value)
    {
        PropertyOverrides ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        PropertyOverrides[key] = value;
    }

    /// <summary>A fresh copy for another entity (dead-letter queue, forwarding target): same content, new broker state.</summary>
    public BrokerMessage CopyForTransfer()
    {
        var copy = new BrokerMessage(Encoded, Fields, EncodingLayout)
        {
            DeliveryCount = DeliveryCount,
            OriginalSequenceNumber = OriginalSequenceNumber != 0 ? OriginalSequenceNumber : SequenceNumber,
            DeadLetterSource = DeadLetterSource,
            TraceContext = TraceContext,
        };
        copy.ApplyPropertyOverrides(PropertyOverrides);
        return copy;
    }

    /// <summary>A copy for a dead-letter queue, stamped with why it was dead-lettered when a reason or description is given.</summary>
    public BrokerMessage CopyForDeadLetter(string? reason, string? description)
    {
        var copy = CopyForTransfer();
        if (reason is not null)
        {
            copy.SetPropertyOverride(MessageEntity.DeadLetterReasonProperty, reason);
        }

        if (description is not null)
        {
            copy.SetPropertyOverride(MessageEntity.DeadLetterDescriptionProperty, description);
        }

        return copy;
    }
}
