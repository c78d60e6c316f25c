using System.Globalization;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Filters.Amqp;
using CloudMessaging.ServiceBusEmulator.Filters.Messages;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// The rule engine's view of a stored message. System properties come from the fields read on arrival; the
/// application properties and partition keys are decoded only when a rule asks for them, once per message sent.
/// Only a copy a rule action changed is re-encoded; every other copy shares the sender's bytes.
/// </summary>
internal sealed class AmqpRuleMessage : IRoutedMessage
{
    private static readonly MapKey PartitionKeyAnnotation = new(new AmqpSymbol("x-opt-partition-key"));
    private static readonly MapKey ViaPartitionKeyAnnotation = new(new AmqpSymbol("x-opt-via-partition-key"));

    private readonly BrokerMessage _source;
    private readonly DateTime _routedAt;
    private Dictionary<string, object?>? _applicationProperties;

    // System properties beyond the fields read on arrival (partition keys) and those an action set; null until decoded.
    private Dictionary<SystemProperty, object?>? _systemProperties;
    private bool _changed;

    private AmqpRuleMessage(BrokerMessage source, DateTime routedAt)
    {
        _source = source;
        _routedAt = routedAt;
    }

    public IEnumerable<string> ApplicationPropertyNames => ApplicationProperties.Keys;

    private Dictionary<string, object?> ApplicationProperties => _applicationProperties ?? DecodeSections().Application;

    private Dictionary<SystemProperty, object?> DecodedSystemProperties => _systemProperties ?? DecodeSections().System;

    public static IRoutedMessage For(BrokerMessage message, TimeProvider time) => new AmqpRuleMessage(message, time.GetUtcNow().UtcDateTime);

    public object? GetSystemProperty(SystemProperty property)
    {
        if (_systemProperties is not null && _systemProperties.TryGetValue(property, out var changed))
        {
            return changed;
        }

        var fields = _source.Fields;
        return property switch
        {
            SystemProperty.MessageId => fields.MessageId,
            SystemProperty.CorrelationId => fields.CorrelationId,
            SystemProperty.ContentType => fields.ContentType,
            SystemProperty.Label => fields.Subject,
            SystemProperty.ReplyTo => fields.ReplyTo,
            SystemProperty.ReplyToSessionId => fields.ReplyToSessionId,
            SystemProperty.SessionId => fields.SessionId,
            SystemProperty.To => fields.To,
            SystemProperty.PartitionKey or SystemProperty.ViaPartitionKey => DecodedSystemProperties.GetValueOrDefault(property),
            SystemProperty.TimeToLive => fields.TimeToLive,
            SystemProperty.ScheduledEnqueueTimeUtc => fields.ScheduledEnqueueTime?.UtcDateTime,
            SystemProperty.SequenceNumber => _source.SequenceNumber != 0 ? _source.SequenceNumber : null,
            SystemProperty.EnqueuedSequenceNumber => _source.OriginalSequenceNumber != 0 ? _source.OriginalSequenceNumber : null,
            SystemProperty.EnqueuedTimeUtc => _routedAt,
            SystemProperty.ExpiresAtUtc => fields.TimeToLive is { } ttl && ttl < DateTime.MaxValue - _routedAt ? _routedAt + ttl : null,
            SystemProperty.DeliveryCount => _source.DeliveryCount,
            SystemProperty.Size => (long)_source.Encoded.Length,
            SystemProperty.DeadLetterSource => _source.DeadLetterSource,
            _ => null,
        };
    }

    public void SetSystemProperty(SystemProperty property, object? value)
    {
        DecodedSystemProperties[property] = value;
        _changed = true;
    }

    public bool TryGetApplicationProperty(string name, out object? value) => ApplicationProperties.TryGetValue(name, out value);

    public void SetApplicationProperty(string name, object? value)
    {
        ApplicationProperties[name] = value;
        _changed = true;
    }

    public bool RemoveApplicationProperty(string name)
    {
        var removed = ApplicationProperties.Remove(name);
        _changed |= removed;
        return removed;
    }

    public IRuleMessage Clone() => new AmqpRuleMessage(_source, _routedAt)
    {
        _applicationProperties = new Dictionary<string, object?>(ApplicationProperties, StringComparer.Ordinal),
        _systemProperties = new Dictionary<SystemProperty, object?>(DecodedSystemProperties),
        _changed = _changed,
    };

    public BrokerMessage ToBrokerMessage()
    {
        if (!_changed)
        {
            return _source.CopyForTransfer();
        }

        var copy = MessageCodec.Decode(Reencode());
        copy.DeliveryCount = _source.DeliveryCount;
        copy.OriginalSequenceNumber = _source.OriginalSequenceNumber != 0 ? _source.OriginalSequenceNumber : _source.SequenceNumber;
        copy.DeadLetterSource = _source.DeadLetterSource;
        copy.TraceContext = _source.TraceContext;
        return copy;
    }

    private (Dictionary<string, object?> Application, Dictionary<SystemProperty, object?> System) DecodeSections()
    {
        var application = new Dictionary<string, object?>(StringComparer.Ordinal);
        var system = new Dictionary<SystemProperty, object?>();
        using (var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(_source.Encoded)])))
        {
            if (message.ApplicationProperties?.Map is { } properties)
            {
                foreach (var entry in properties)
                {
                    application[KeyText(entry.Key)] = AmqpPropertyValues.FromAmqp(entry.Value);
                }
            }

            if (message.MessageAnnotations?.Map is { } annotations)
            {
                if (annotations.TryGetValue(PartitionKeyAnnotation, out string? partitionKey))
                {
                    system[SystemProperty.PartitionKey] = partitionKey;
                }

                if (annotations.TryGetValue(ViaPartitionKeyAnnotation, out string? viaPartitionKey))
                {
                    system[SystemProperty.ViaPartitionKey] = viaPartitionKey;
                }
            }
        }

        foreach (var (name, value) in _source.PropertyOverrides ?? [])
        {
            application[name] = AmqpPropertyValues.FromAmqp(value);
        }

        _applicationProperties = application;
        _systemProperties = system;
        return (application, system);
    }

    // The sender's message with this view's properties: every section is decoded and written again, the body copied.
    private byte[] Reencode()
    {
        using var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(_source.Encoded)]));
        // Header and Properties getters create the section when the sender left it out.
        _ = message.Header;
        _ = message.Properties;
        message.MessageAnnotations ??= new MessageAnnotations();
        var applicationProperties = new ApplicationProperties();
        foreach (var (name, value) in ApplicationProperties)
        {
            applicationProperties.Map[name] = AmqpPropertyValues.ToAmqp(value);
        }

        message.ApplicationProperties = applicationProperties;
        foreach (var (property, value) in _systemProperties!)
        {
            Apply(message, property, value);
        }

        var payload = message.GetPayload();
        var bytes = new byte[payload.Sum(segment => segment.Count)];
        var offset = 0;
        foreach (var segment in payload)
        {
            segment.AsSpan().CopyTo(bytes.AsSpan(offset));
            offset += segment.Count;
        }

        return bytes;
    }

    private static void Apply(AmqpMessage message, SystemProperty property, object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        var properties = message.Properties;
        switch (property)
        {
            case SystemProperty.MessageId:
                properties.MessageId = text is null ? null : (MessageId)text;
                break;
            case SystemProperty.CorrelationId:
                properties.CorrelationId = text is null ? null : (MessageId)text;
                break;
            case SystemProperty.ContentType:
                properties.ContentType = text is null ? default : new AmqpSymbol(text);
                break;
            case SystemProperty.Label:
                properties.Subject = text;
                break;
            case SystemProperty.ReplyTo:
                properties.ReplyTo = text is null ? null : (Address)text;
                break;
            case SystemProperty.To:
                properties.To = text is null ? null : (Address)text;
                break;
            case SystemProperty.SessionId:
                properties.GroupId = text;
                break;
            case SystemProperty.ReplyToSessionId:
                properties.ReplyToGroupId = text;
                break;
            case SystemProperty.PartitionKey:
                SetAnnotation(message, PartitionKeyAnnotation, text);
                break;
            case SystemProperty.ViaPartitionKey:
                SetAnnotation(message, ViaPartitionKeyAnnotation, text);
                break;
            case SystemProperty.TimeToLive:
                message.Header.Ttl = value is TimeSpan ttl ? (uint)Math.Clamp(ttl.TotalMilliseconds, 0, uint.MaxValue) : null;
                break;
            case SystemProperty.ScheduledEnqueueTimeUtc:
                SetAnnotation(message, ServiceBusAmqpNames.ScheduledEnqueueTime, value is DateTime at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
                break;
        }
    }

    private static void SetAnnotation(AmqpMessage message, MapKey key, object? value)
    {
        if (value is not null)
        {
            message.MessageAnnotations.Map[key] = value;
            return;
        }

        var kept = new MessageAnnotations();
        foreach (var entry in message.MessageAnnotations.Map)
        {
            if (!entry.Key.Equals(key))
            {
                kept.Map[entry.Key] = entry.Value;
            }
        }

        message.MessageAnnotations = kept;
    }

    private static string KeyText(MapKey key) => key.Key switch
    {
        AmqpSymbol symbol => symbol.Value,
        var other => other?.ToString() ?? string.Empty,
    };
}
