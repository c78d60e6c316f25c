using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.PubSub;

/// <summary>
/// Receives one subscription of the <c>orders</c> topic for the life of the host. Each subscriber has its own copy of
/// every event its filter admits, so it succeeds, retries and dead-letters on its own: a failing subscriber never
/// holds up the others. Subclasses say only what handling an event means to them.
/// </summary>
public abstract partial class OrderEventSubscriber : IHostedService, IAsyncDisposable
{
    private readonly DrainedProcessor _processor;
    private readonly SubscriberStore _store;
    private readonly ReplicaIdentity _replica;
    private readonly TimeProvider _timeProvider;
    private readonly PubSubMetrics _metrics;
    private readonly ILogger _logger;

    protected OrderEventSubscriber(string subscription, SubscriberContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Subscription = subscription;
        _store = context.Store;
        _replica = context.Replica;
        _timeProvider = context.TimeProvider;
        _metrics = context.Metrics;
        _logger = context.LoggerFactory.CreateLogger(GetType());
        _processor = new DrainedProcessor(
            context.Client.CreateProcessor(EntityNames.OrdersTopic, subscription, new ServiceBusProcessorOptions
            {
                MaxConcurrentCalls = context.Options.MaxConcurrentCalls,
                PrefetchCount = context.Options.PrefetchCount,
            }),
            context.Drain,
            HandleAsync,
            OnErrorAsync);
    }

    public string Subscription { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _processor.StartAsync(cancellationToken);
        LogSubscribed(_replica, EntityNames.OrdersTopic, Subscription);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _processor.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _processor.DisposeAsync();

    /// <summary>This subscriber's effect of <paramref name="orderEvent"/>, in words.</summary>
    protected abstract string Apply(OrderEvent orderEvent);

    private async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        OrderEvent orderEvent;
        try
        {
            orderEvent = OrderEventMessage.FromMessage(args.Message);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Redelivery cannot fix a body that does not parse: park it for a person at once.
            LogMalformed(ex, Subscription, args.Message.MessageId);
            await args.DeadLetterMessageAsync(args.Message, "MalformedOrderEvent", ex.Message, cancellationToken);
            return;
        }

        var effect = Apply(orderEvent);
        var outcome = await _store.RecordAsync(new HandledEvent(
            Subscription,
            orderEvent.Id,
            orderEvent.Type,
            orderEvent.Data.OrderId,
            effect,
            _replica.Name,
            args.Message.DeliveryCount,
            orderEvent.Time,
            _timeProvider.GetUtcNow()));
        if (outcome == RecordOutcome.SubscriberFailing)
        {
            throw new SubscriberFailingException(Subscription);
        }

        if (outcome == RecordOutcome.Recorded)
        {
            _metrics.Handled(Subscription, orderEvent.Type);
            LogHandled(Subscription, _replica, orderEvent.Type, orderEvent.Id, effect);
        }
        else
        {
            _metrics.Repeated(Subscription);
            LogRedelivered(Subscription, orderEvent.Id, args.Message.DeliveryCount, args.Message.SequenceNumber);
        }
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        if (args.Exception is SubscriberFailingException)
        {
            LogAbandoned(args.Exception.Message, Subscription);
        }
        else
        {
            ProcessorLog.ProcessorFailed(_logger, args.Exception, _replica, args.ErrorSource, args.EntityPath);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} subscribed to {Topic}/{Subscription}")]
    private partial void LogSubscribed(ReplicaIdentity replica, string topic, string subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription} dead-letters malformed message {MessageId}")]
    private partial void LogMalformed(Exception exception, string subscription, string messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Subscription} on {Replica} handled {Type} {EventId}: {Effect}")]
    private partial void LogHandled(string subscription, ReplicaIdentity replica, string type, string eventId, string effect);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subscription} had already handled {EventId}; completing the redelivered copy (delivery {DeliveryCount}, sequence {SequenceNumber})")]
    private partial void LogRedelivered(string subscription, string eventId, int deliveryCount, long sequenceNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} ({Subscription} abandons its copy)")]
    private partial void LogAbandoned(string message, string subscription);
}
