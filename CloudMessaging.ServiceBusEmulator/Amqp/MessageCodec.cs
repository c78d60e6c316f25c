using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Telemetry;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// Turns client transfers into broker messages and broker messages into deliveries. The sender's encoding is kept
/// byte for byte; on delivery only the header and message annotations (and changed application properties) are
/// re-encoded by Microsoft.Azure.Amqp, the rest is copied.
/// </summary>
internal static class MessageCodec
{
    /// <summary>One transfer holds one message, or a batch (format 0x80013700) of complete encoded messages.</summary>
    public static List<BrokerMessage> DecodeTransfer(AmqpMessage transfer)
    {
        if (transfer.MessageFormat == ServiceBusAmqpNames.BatchedMessageFormat)
        {
            var batch = new List<BrokerMessage>();
            foreach (var data in transfer.DataBody)
            {
                var segment = (ArraySegment<byte>)data.Value;
                batch.Add(Decode(segment.AsSpan().ToArray()));
            }

            return batch;
        }

        // GetPayload() would re-encode only the sections decoded so far; the raw stream has them all.
        using var stream = transfer.ToStream();
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return [Decode(bytes)];
    }

    public static BrokerMessage Decode(byte[] encoded)
    {
        using var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(encoded)]));
        var properties = message.Properties;
        var header = message.Header;
        var messageId = properties?.MessageId?.ToString();
        if (messageId is null)
        {
            // The service gives a message sent without an id one of its own (32 hex digits); the JavaScript SDK
            // tracks lock renewal by message id and cannot settle a received message that has none.
            messageId = Guid.NewGuid().ToString("N");
            encoded = WithMessageId(encoded, properties, messageId);
        }

        DateTimeOffset? scheduled = null;
        if (message.MessageAnnotations?.Map is { } annotations
            && annotations.TryGetValue(ServiceBusAmqpNames.ScheduledEnqueueTime, out DateTime scheduledAt))
        {
            scheduled = new DateTimeOffset(DateTime.SpecifyKind(scheduledAt, DateTimeKind.Utc));
        }

        var fields = new MessageHeaderFields
        {
            MessageId = messageId,
            SessionId = properties?.GroupId,
            CorrelationId = properties?.CorrelationId?.ToString(),
            Subject = properties?.Subject,
            To = properties?.To?.ToString(),
            ReplyTo = properties?.ReplyTo?.ToString(),
            ReplyToSessionId = properties?.ReplyToGroupId,
            ContentType = properties?.ContentType.Value,
            TimeToLive = header?.Ttl is { } ttl ? TimeSpan.FromMilliseconds(ttl) : null,
            ScheduledEnqueueTime = scheduled,
        };
        // The application properties are decoded only while someone listens to the broker's spans.
        var traceContext = EmulatorTelemetry.Source.HasListeners() ? TraceContextReader.Read(message.ApplicationProperties) : default;
        return new BrokerMessage(encoded, fields, EncodingLayout.TryRead(encoded, header, message.MessageAnnotations)) { TraceContext = traceContext };
    }

    // The properties section (the sender's, or a new one) is re-encoded with the id in place; the other sections
    // keep their bytes. An encoding the layout reader cannot follow is kept as it is, without an id.
    private static byte[] WithMessageId(byte[] encoded, Properties? senderProperties, string messageId)
    {
        if (EncodingLayout.TryRead(encoded, null, null) is not { } layout)
        {
            return encoded;
        }

        var start = layout.RestOffset;
        var end = EncodingLayout.PropertiesSectionEnd(encoded, start);
        var properties = senderProperties ?? new Properties();
        properties.MessageId = messageId;
        var buffer = new ByteBuffer(properties.EncodeSize, false);
        properties.Encode(buffer);
        var result = new byte[start + buffer.Length + (encoded.Length - end)];
        encoded.AsSpan(0, start).CopyTo(result);
        buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).CopyTo(result.AsSpan(start));
        encoded.AsSpan(end).CopyTo(result.AsSpan(start + buffer.Length));
        return result;
    }

    /// <summary>The message as it goes to a receiver: the sender's sections plus the broker's annotations.</summary>
    public static AmqpMessage ToAmqpMessage(in MessageDelivery delivery, bool includeLock)
    {
        if (TryReannotate(delivery, includeLock, out var prefix, out var rest))
        {
            // Payload marked initialized: the bytes go out as they are, nothing is decoded or re-encoded.
            return AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([prefix, rest]), true);
        }

        var stored = delivery.Message;
        var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(stored.Encoded)]));
        // The section getters create missing sections. DeliveryCount must always be present: the SDK reads
        // Header.DeliveryCount.Value and adds one itself.
        message.Header.DeliveryCount = (uint)delivery.PriorDeliveryCount;
        message.MessageAnnotations ??= new MessageAnnotations();
        AddBrokerAnnotations(message.MessageAnnotations.Map, delivery, includeLock);
        if (stored.PropertyOverrides is { Count: > 0 } overrides)
        {
            message.ApplicationProperties ??= new ApplicationProperties();
            var applicationProperties = message.ApplicationProperties.Map;
            foreach (var (key, value) in overrides)
            {
                applicationProperties[key] = value;
            }
        }

        return message;
    }

    // The fast path: a new header and annotations, then the sender's other sections as stored, without decoding them.
    // Not taken when application properties must change, or when the stored encoding could not be read on arrival.
    private static bool TryReannotate(in MessageDelivery delivery, bool includeLock, out ArraySegment<byte> prefix, out ArraySegment<byte> rest)
    {
        var stored = delivery.Message;
        if (stored.EncodingLayout is not EncodingLayout layout || stored.PropertyOverrides is not null)
        {
            prefix = rest = default;
            return false;
        }

        var senderHeader = layout.SenderHeader;
        var header = new Header
        {
            Durable = senderHeader?.Durable,
            Priority = senderHeader?.Priority,
            Ttl = senderHeader?.Ttl,
            FirstAcquirer = senderHeader?.FirstAcquirer,
            DeliveryCount = (uint)delivery.PriorDeliveryCount,
        };
        var annotations = new MessageAnnotations();
        foreach (var (key, value) in layout.SenderAnnotations)
        {
            annotations.Map[key] = value;
        }

        AddBrokerAnnotations(annotations.Map, delivery, includeLock);
        var buffer = new ByteBuffer(header.EncodeSize + annotations.EncodeSize, false);
        header.Encode(buffer);
        annotations.Encode(buffer);
        prefix = new ArraySegment<byte>(buffer.Buffer, buffer.Offset, buffer.Length);
        rest = new ArraySegment<byte>(stored.Encoded, layout.RestOffset, stored.Encoded.Length - layout.RestOffset);
        return true;
    }

    private static void AddBrokerAnnotations(Microsoft.Azure.Amqp.Encoding.AmqpMap map, in MessageDelivery delivery, bool includeLock)
    {
        var stored = delivery.Message;
        map[ServiceBusAmqpNames.SequenceNumber] = stored.SequenceNumber;
        map[ServiceBusAmqpNames.EnqueuedTime] = stored.EnqueuedTime.UtcDateTime;
        if (includeLock)
        {
            map[ServiceBusAmqpNames.LockedUntil] = delivery.LockedUntil.UtcDateTime;
        }

        if (delivery.State != MessageState.Active)
        {
            map[ServiceBusAmqpNames.MessageState] = (int)delivery.State;
        }

        if (stored.State == MessageState.Scheduled)
        {
            map[ServiceBusAmqpNames.ScheduledEnqueueTime] = stored.ScheduledEnqueueTime.UtcDateTime;
        }

        if (stored.OriginalSequenceNumber != 0)
        {
            map[ServiceBusAmqpNames.EnqueueSequenceNumber] = stored.OriginalSequenceNumber;
        }

        if (stored.DeadLetterSource is { } source)
        {
            map[ServiceBusAmqpNames.DeadLetterSource] = source;
        }
    }

    /// <summary>The complete encoding of a delivery, as management responses carry it in a <c>message</c> binary.</summary>
    public static ArraySegment<byte> Encode(in MessageDelivery delivery, bool includeLock)
    {
        if (TryReannotate(delivery, includeLock, out var prefix, out var rest))
        {
            return Join(prefix, rest);
        }

        using var message = ToAmqpMessage(delivery, includeLock);
        return new ArraySegment<byte>(EncodeWhole(message));
    }

    private static byte[] EncodeWhole(AmqpMessage message)
    {
        // Touch the remaining sections so the payload is re-encoded whole, not body-only.
        _ = message.Properties;
        _ = message.ApplicationProperties;
        var payload = message.GetPayload();
        var length = 0;
        foreach (var segment in payload)
        {
            length += segment.Count;
        }

        var bytes = new byte[length];
        var offset = 0;
        foreach (var segment in payload)
        {
            segment.AsSpan().CopyTo(bytes.AsSpan(offset));
            offset += segment.Count;
        }

        return bytes;
    }

    private static ArraySegment<byte> Join(ArraySegment<byte> prefix, ArraySegment<byte> rest)
    {
        var joined = new byte[prefix.Count + rest.Count];
        prefix.AsSpan().CopyTo(joined);
        rest.AsSpan().CopyTo(joined.AsSpan(prefix.Count));
        return new ArraySegment<byte>(joined);
    }
}
