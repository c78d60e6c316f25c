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
public abstract class OrderEventSubscriber : IHostedService, IAsyncDisposable
{
    private readonly DrainedProcessor _processor;
    private readonly SubscriberStore _store;
    private readonly ReplicaIdentity _replica;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    protected OrderEventSubscriber(string subscription, SubscriberContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Subscription = subscription;
        _store = context.Store;
        _replica = context.Replica;
        _timeProvider = context.TimeProvider;
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
        _logger.LogInformation("Replica {Replica} subscribed to {Topic}/{Subscription}", _replica, EntityNames.OrdersTopic, Subscription);
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
            _logger.LogWarning(ex, "{Subscription} dead-letters malformed message {MessageId}", Subscription, args.Message.MessageId);
            await args.DeadLetterMessageAsync(args.Message, "MalformedOrderEvent", ex.Message, cancellationToken);
            return;
        }

        if (await _store.IsFailingAsync(Subscription))
        {
            throw new SubscriberFailingException(Subscription);
        }

        var effect = Apply(orderEvent);
        var recorded = await _store.TryRecordAsync(new HandledEvent(
            Subscription,
            orderEvent.Id,
            orderEvent.Type,
            orderEvent.Data.OrderId,
            effect,
            _replica.Name,
            args.Message.DeliveryCount,
            orderEvent.Time,
            _timeProvider.GetUtcNow()));

        if (recorded)
        {
            _logger.LogDebug("{Subscription} on {Replica} handled {Type} {EventId}: {Effect}", Subscription, _replica, orderEvent.Type, orderEvent.Id, effect);
        }
        else
        {
            _logger.LogInformation(
                "{Subscription} had already handled {EventId}; completing the redelivered copy (delivery {DeliveryCount}, sequence {SequenceNumber})",
                Subscription, orderEvent.Id, args.Message.DeliveryCount, args.Message.SequenceNumber);
        }
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        if (args.Exception is SubscriberFailingException)
        {
            _logger.LogInformation("{Message} ({Subscription} abandons its copy)", args.Exception.Message, Subscription);
        }
        else
        {
            _logger.LogWarning(args.Exception, "Replica {Replica}: {Source} failed on {Entity}", _replica, args.ErrorSource, args.EntityPath);
        }

        return Task.CompletedTask;
    }
}
