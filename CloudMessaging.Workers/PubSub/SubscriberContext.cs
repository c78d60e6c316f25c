using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Workers.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.PubSub;

/// <summary>What every order-event subscriber needs, in one piece so that each subscriber's class stays a few lines.</summary>
public sealed class SubscriberContext(
    ServiceBusClient client,
    SubscriberStore store,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    TimeProvider timeProvider,
    IOptions<PubSubOptions> options,
    PubSubMetrics metrics,
    ILoggerFactory loggerFactory)
{
    public ServiceBusClient Client { get; } = client;

    public SubscriberStore Store { get; } = store;

    public ReplicaIdentity Replica { get; } = replica;

    public ProcessorDrain Drain { get; } = drain;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public SubscriberOptions Options { get; } = options.Value.Subscribers;

    public PubSubMetrics Metrics { get; } = metrics;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
