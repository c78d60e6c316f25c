using System.Collections.Concurrent;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;
using CloudMessaging.ServiceBusEmulator.Telemetry;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// All entities of one emulated namespace, addressed case-insensitively by path (<c>q1</c>, <c>q1/$DeadLetterQueue</c>,
/// <c>t1</c>, <c>t1/Subscriptions/s1</c>, <c>t1/Subscriptions/s1/$DeadLetterQueue</c>).
/// </summary>
internal sealed partial class ServiceBusNamespace : IDisposable
{
    private readonly ConcurrentDictionary<string, MessageEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IMessageTarget> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly Func<BrokerMessage, IRoutedMessage> _route;
    private readonly ILogger _logger;
    private readonly DurableStore? _store;

    /// <param name="route">Gives the rule engine its view of a message sent to a topic.</param>
    /// <param name="store">Where a durable namespace journals every change; null keeps it in memory.</param>
    /// <param name="metrics">The counters every entity reports to; null counts on <see cref="BrokerMetrics.None"/>.</param>
    /// <exception cref="InvalidRuleException">A configured rule does not parse; the message names the rule and the position.</exception>
    public ServiceBusNamespace(
        EmulatorTopology topology, TimeProvider time, Func<BrokerMessage, IRoutedMessage> route, ILoggerFactory loggerFactory, DurableStore? store = null, BrokerMetrics? metrics = null)
    {
        Metrics = metrics ?? BrokerMetrics.None;
        _store = store;
        _time = time;
        _route = route;
        _logger = loggerFactory.CreateLogger<MessageEntity>();
        foreach (var queue in topology.Queues)
        {
            AddQueue(queue);
        }

        foreach (var topic in topology.Topics)
        {
            AddTopic(topic);
        }
    }

    public BrokerMetrics Metrics { get; }

    /// <summary>An entity that can be received from, or null when the path names none.</summary>
    public MessageEntity? FindEntity(string path) => _entities.GetValueOrDefault(path);

    /// <summary>An entity that can be sent to, or null when the path names none.</summary>
    public IMessageTarget? FindTarget(string path) => _targets.GetValueOrDefault(path);

    public Topic? FindTopic(string path) => _topics.GetValueOrDefault(path);

    /// <summary>The subscription at <c>&lt;topic&gt;/Subscriptions/&lt;name&gt;</c>, or null.</summary>
    public Subscription? FindSubscription(string path) => _subscriptions.GetValueOrDefault(path);

    public MessageEntity AddQueue(QueueDefinition queue)
    {
        var quota = new SizeQuota(queue.MaxSizeInMegabytes);
        var entity = AddReceivable(queue.Name, queue, quota);
        _quotas[entity.Name] = quota;
        _targets[entity.Name] = entity;
        return entity;
    }

    /// <exception cref="InvalidRuleException">A rule of a subscription does not parse.</exception>
    public Topic AddTopic(TopicDefinition definition)
    {
        var topic = new Topic(definition, _route, _time, _store?.JournalFor(definition.Name), Metrics);
        var subscriptions = definition.Subscriptions
            .Select(s => (Definition: s, Rules: new SubscriptionRuleSet(s.Rules, _time)))
            .ToList();
        if (_entities.ContainsKey(definition.Name) || !_topics.TryAdd(definition.Name, topic))
        {
            throw new InvalidOperationException($"The namespace already has an entity named '{definition.Name}'.");
        }

        foreach (var (subscriptionDefinition, rules) in subscriptions)
        {
            AddSubscription(topic, subscriptionDefinition, rules);
        }

        _targets[topic.Name] = topic;
        return topic;
    }

    public void Dispose()
    {
        foreach (var entity in _entities.Values)
        {
            entity.Dispose();
        }
    }

    private MessageEntity AddReceivable(string name, EntitySettings settings, IEntityQuota? quota = null)
    {
        var deadLetterName = name + MessageEntity.DeadLetterQueueSuffix;
        var deadLetterQueue = new MessageEntity(
            deadLetterName, EntitySettings.DeadLetterQueueOf(settings), _time, FindTarget, _logger, _store?.JournalFor(deadLetterName), metrics: Metrics);
        var entity = new MessageEntity(name, settings, _time, FindTarget, _logger, _store?.JournalFor(name), quota, Metrics) { DeadLetterQueue = deadLetterQueue };
        if (_topics.ContainsKey(name) || !_entities.TryAdd(entity.Name, entity))
        {
            throw new InvalidOperationException($"The namespace already has an entity named '{name}'.");
        }

        _entities[deadLetterQueue.Name] = deadLetterQueue;
        return entity;
    }
}
