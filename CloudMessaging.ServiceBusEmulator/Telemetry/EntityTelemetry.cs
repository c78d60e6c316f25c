using System.Diagnostics;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Telemetry;

/// <summary>
/// What one entity reports: a counter tick per event, and a span per message that carries a trace context (the
/// producer's, or the broker span before it), so the broker's spans join the producer's trace and chain: send, then
/// settle or dead-letter. A message without one gets no span, so background traffic adds no traces. Span names and
/// the entity tag are made once; with no listener the span calls return at the first check.
/// </summary>
internal sealed class EntityTelemetry
{
    private readonly BrokerMetrics _metrics;
    private readonly KeyValuePair<string, object?> _entityTag;
    private readonly string? _subscriptionName;
    private readonly string _sendSpan;
    private readonly string _completeSpan;
    private readonly string _abandonSpan;
    private readonly string _deferSpan;
    private readonly string _deadLetterSpan;
    private readonly string _expireSpan;

    public EntityTelemetry(string entityName, BrokerMetrics metrics)
    {
        _metrics = metrics;
        EntityName = entityName;
        _entityTag = new(MessagingAttributes.DestinationName, entityName);
        _subscriptionName = SubscriptionOf(entityName);
        _sendSpan = "send " + entityName;
        _completeSpan = "complete " + entityName;
        _abandonSpan = "abandon " + entityName;
        _deferSpan = "defer " + entityName;
        _deadLetterSpan = "dead_letter " + entityName;
        _expireSpan = "expire " + entityName;
    }

    public string EntityName { get; }

    /// <summary>
    /// Runs <paramref name="store"/> inside an arrival span per traced message, each of which becomes the message's
    /// context, so what happens to the message next is its child. <paramref name="numbered"/>: the store numbers
    /// what it keeps, so a message left without a number was a duplicate. Generic state: no closure per send.
    /// </summary>
    public void Arrive<TState>(IReadOnlyList<BrokerMessage> messages, TState state, Action<TState> store, bool numbered = true)
    {
        var spans = StartArrivals(messages);
        if (spans is null)
        {
            store(state);
            return;
        }

        Exception? error = null;
        try
        {
            store(state);
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            StopArrivals(spans, messages, error, numbered);
        }
    }

    // Null when no span started: nothing is allocated.
    private Activity?[]? StartArrivals(IReadOnlyList<BrokerMessage> messages)
    {
        if (!EmulatorTelemetry.Source.HasListeners())
        {
            return null;
        }

        Activity?[]? spans = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (Start(_sendSpan, "send", "send", message.TraceContext, message) is { } span)
            {
                (spans ??= new Activity?[messages.Count])[i] = span;
                message.TraceContext = span.Context;
            }
        }

        return spans;
    }

    // In reverse order, so that the ambient activity is restored.
    private static void StopArrivals(Activity?[] spans, IReadOnlyList<BrokerMessage> messages, Exception? error, bool numbered)
    {
        for (var i = spans.Length - 1; i >= 0; i--)
        {
            if (spans[i] is not { } span)
            {
                continue;
            }

            if (error is not null)
            {
                span.SetStatus(ActivityStatusCode.Error, error.Message);
                span.SetTag("error.type", error.GetType().Name);
            }
            else if (numbered && messages[i].SequenceNumber == 0)
            {
                span.SetTag(MessagingAttributes.Duplicate, true);
            }
            else if (numbered)
            {
                span.SetTag(MessagingAttributes.SequenceNumber, messages[i].SequenceNumber);
            }

            span.Stop();
        }
    }

    public void Stored(int count) => _metrics.Sent.Add(count, _entityTag);

    public void Received() => _metrics.Received.Add(1, _entityTag);

    public void LocksExpired(int count)
    {
        if (count > 0)
        {
            _metrics.LocksExpired.Add(count, _entityTag);
        }
    }

    /// <summary>A receiver completed, abandoned or deferred the message (dead-lettering is <see cref="DeadLettered"/>).</summary>
    public void Settled(BrokerMessage message, SettlementKind kind)
    {
        var (counter, name, operation) = kind switch
        {
            SettlementKind.Complete => (_metrics.Completed, _completeSpan, "complete"),
            SettlementKind.Abandon => (_metrics.Abandoned, _abandonSpan, "abandon"),
            _ => (_metrics.Deferred, _deferSpan, "defer"),
        };
        counter.Add(1, _entityTag);
        if (message.TraceContext != default && Start(name, operation, "settle", message.TraceContext, message) is { } span)
        {
            span.SetTag(MessagingAttributes.DispositionStatus, operation);
            span.Stop();
        }
    }

    /// <summary>
    /// The message leaves for the dead-letter target as <paramref name="copy"/>, whose arrival span becomes a child of
    /// this one. <paramref name="bySettlement"/> when a receiver asked for it, otherwise the broker decided.
    /// </summary>
    public void DeadLettered(BrokerMessage message, BrokerMessage copy, string? reason, string? description, bool bySettlement)
    {
        _metrics.DeadLettered.Add(1, _entityTag);
        if (message.TraceContext == default || Start(_deadLetterSpan, "dead_letter", "settle", message.TraceContext, message) is not { } span)
        {
            return;
        }

        if (bySettlement)
        {
            span.SetTag(MessagingAttributes.DispositionStatus, "dead_letter");
        }

        span.SetTag(MessagingAttributes.DeadLetterReason, reason);
        span.SetTag(MessagingAttributes.DeadLetterDescription, description);
        copy.TraceContext = span.Context;
        span.Stop();
    }

    /// <summary>The message's time to live ran out; it is dropped, or dead-lettered (then <see cref="DeadLettered"/> follows).</summary>
    public void Expired(BrokerMessage message, bool deadLettering)
    {
        _metrics.Expired.Add(1, _entityTag);
        if (deadLettering || message.TraceContext == default || Start(_expireSpan, "expire", "settle", message.TraceContext, message) is not { } span)
        {
            return;
        }

        span.Stop();
    }

    private Activity? Start(string name, string operationName, string operationType, ActivityContext parent, BrokerMessage message)
    {
        // No parent, no span: a root trace per background message would bury the traces people look for.
        if (parent == default)
        {
            return null;
        }

        var span = EmulatorTelemetry.Source.StartActivity(name, ActivityKind.Server, parent);
        if (span is null)
        {
            return null;
        }

        if (span.IsAllDataRequested)
        {
            span.SetTag(MessagingAttributes.System, MessagingAttributes.SystemValue);
            span.SetTag(MessagingAttributes.OperationName, operationName);
            span.SetTag(MessagingAttributes.OperationType, operationType);
            span.SetTag(MessagingAttributes.DestinationName, EntityName);
            if (_subscriptionName is not null)
            {
                span.SetTag(MessagingAttributes.SubscriptionName, _subscriptionName);
            }

            span.SetTag(MessagingAttributes.MessageId, message.Fields.MessageId);
            if (message.SequenceNumber != 0)
            {
                span.SetTag(MessagingAttributes.SequenceNumber, message.SequenceNumber);
            }

            span.SetTag(MessagingAttributes.DeliveryCount, message.DeliveryCount);
        }

        return span;
    }

    // "t/Subscriptions/s" and its dead-letter queue name the subscription "s".
    private static string? SubscriptionOf(string entityName)
    {
        const string Marker = "/Subscriptions/";
        var at = entityName.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = entityName[(at + Marker.Length)..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }
}
