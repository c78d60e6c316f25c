using System.Collections.Concurrent;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// The namespace's topology while it runs: entities listed, added, changed and removed by the administration API.
/// A removed entity is disposed; the caller detaches its links.
/// </summary>
internal sealed partial class ServiceBusNamespace
{
    private readonly ConcurrentDictionary<string, SizeQuota> _quotas = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The queues, by name.</summary>
    public IReadOnlyList<MessageEntity> Queues =>
        [.. _targets.Values.OfType<MessageEntity>().OrderBy(q => q.Name, StringComparer.OrdinalIgnoreCase)];

    public IReadOnlyList<Topic> Topics => [.. _topics.Values.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The queue named <paramref name="name"/> (not a subscription or a dead-letter queue), or null.</summary>
    public MessageEntity? FindQueue(string name) => _targets.GetValueOrDefault(name) as MessageEntity;

    public int QueueMaxSizeInMegabytes(MessageEntity queue) => _quotas.TryGetValue(queue.Name, out var quota) ? quota.MaxSizeInMegabytes : EntityDefaults.MaxSizeInMegabytes;

    public void UpdateQueue(MessageEntity queue, QueueDefinition definition)
    {
        queue.ApplySettings(definition);
        if (_quotas.TryGetValue(queue.Name, out var quota))
        {
            quota.MaxSizeInMegabytes = definition.MaxSizeInMegabytes;
        }
    }

    /// <exception cref="InvalidRuleException">A rule does not parse.</exception>
    public Subscription AddSubscription(Topic topic, SubscriptionDefinition definition) =>
        AddSubscription(topic, definition, new SubscriptionRuleSet(definition.Rules, _time));

    public void UpdateSubscription(Subscription subscription, SubscriptionDefinition definition, Topic topic) =>
        subscription.Entity.ApplySettings(definition.SettingsUnder(topic.Definition));

    /// <summary>Removes a queue and its dead-letter queue; false when there is no such queue.</summary>
    public bool RemoveQueue(MessageEntity queue)
    {
        if (!_targets.TryRemove(new KeyValuePair<string, IMessageTarget>(queue.Name, queue)))
        {
            return false;
        }

        _quotas.TryRemove(queue.Name, out _);
        RemoveReceivable(queue);
        return true;
    }

    /// <summary>Removes a topic with its subscriptions.</summary>
    public bool RemoveTopic(Topic topic)
    {
        if (!_topics.TryRemove(new KeyValuePair<string, Topic>(topic.Name, topic)))
        {
            return false;
        }

        _targets.TryRemove(new KeyValuePair<string, IMessageTarget>(topic.Name, topic));
        foreach (var subscription in topic.Subscriptions)
        {
            RemoveSubscription(topic, subscription);
        }

        return true;
    }

    public bool RemoveSubscription(Topic topic, Subscription subscription)
    {
        if (!topic.RemoveSubscription(subscription))
        {
            return false;
        }

        _subscriptions.TryRemove(new KeyValuePair<string, Subscription>(subscription.Entity.Name, subscription));
        RemoveReceivable(subscription.Entity);
        return true;
    }

    private Subscription AddSubscription(Topic topic, SubscriptionDefinition definition, SubscriptionRuleSet rules)
    {
        var path = Subscription.PathOf(topic.Name, definition.Name);
        var entity = AddReceivable(path, definition.SettingsUnder(topic.Definition));
        if (_store is not null)
        {
            rules.Changed = _store.JournalFor(path).RulesChanged;
        }

        var subscription = new Subscription(entity, rules);
        _subscriptions[path] = subscription;
        topic.AddSubscription(subscription);
        return subscription;
    }

    private void RemoveReceivable(MessageEntity entity)
    {
        _entities.TryRemove(new KeyValuePair<string, MessageEntity>(entity.Name, entity));
        entity.Dispose();
        if (entity.DeadLetterQueue is { } deadLetterQueue)
        {
            _entities.TryRemove(new KeyValuePair<string, MessageEntity>(deadLetterQueue.Name, deadLetterQueue));
            deadLetterQueue.Dispose();
        }
    }
}
