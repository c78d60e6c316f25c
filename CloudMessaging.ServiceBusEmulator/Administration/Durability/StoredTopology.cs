using System.Text.Json;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Administration.Durability;

/// <summary>
/// The topology a durable namespace starts with: Config.json's entities, where the administration API's latest
/// word on a name wins (its definition when created or changed, nothing when deleted), plus the entities it created.
/// </summary>
internal sealed class StoredTopology
{
    private readonly Dictionary<string, StoredEntity> _stored;

    private StoredTopology(Dictionary<string, StoredEntity> stored) => _stored = stored;

    /// <param name="definitions">From <see cref="Broker.Storage.Durable.DurableStore.ReadDefinitions"/>, by entity name.</param>
    public static StoredTopology From(IReadOnlyDictionary<string, string> definitions) =>
        new(definitions.ToDictionary(
            pair => pair.Key,
            pair => JsonSerializer.Deserialize(pair.Value, StoredEntityJson.Default.StoredEntity)
                ?? throw new JsonException($"The stored definition of '{pair.Key}' is empty."),
            StringComparer.OrdinalIgnoreCase));

    public EmulatorTopology Merge(EmulatorTopology configured)
    {
        var queues = configured.Queues.Where(q => !_stored.ContainsKey(q.Name)).ToList();
        queues.AddRange(Stored(StoredEntity.QueueKind).Select(pair => pair.Value.ToQueue(pair.Key)));

        var topics = configured.Topics.Where(t => !_stored.ContainsKey(t.Name)).Select(t => t with { Subscriptions = SubscriptionsOf(t) }).ToList();
        foreach (var (name, topic) in Stored(StoredEntity.TopicKind))
        {
            var subscriptions = configured.Topics.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } original
                ? SubscriptionsOf(original)
                : SubscriptionsOf(topic.ToTopic(name, []));
            topics.Add(topic.ToTopic(name, subscriptions));
        }

        return configured with { Queues = queues, Topics = topics };
    }

    /// <summary>Puts back the status and metadata of what the API created or changed, once the namespace exists.</summary>
    public void ApplyTo(AdministrationContext context)
    {
        foreach (var (name, stored) in _stored)
        {
            object? entity = stored.Kind switch
            {
                StoredEntity.QueueKind => context.Namespace.FindQueue(name),
                StoredEntity.TopicKind => context.Namespace.FindTopic(name),
                StoredEntity.SubscriptionKind => context.Namespace.FindSubscription(name)?.Entity,
                _ => null,
            };
            switch (entity)
            {
                case Broker.MessageEntity queueLike:
                    queueLike.Status = stored.Status;
                    break;
                case Topic topic:
                    topic.Status = stored.Status;
                    break;
                default:
                    continue;
            }

            context.Metadata.Set(entity, stored.ToMetadata());
        }
    }

    // The topic's configured subscriptions the API has not replaced or deleted, then those it created or changed.
    private List<SubscriptionDefinition> SubscriptionsOf(TopicDefinition topic)
    {
        var subscriptions = topic.Subscriptions.Where(s => !_stored.ContainsKey(Subscription.PathOf(topic.Name, s.Name))).ToList();
        var prefix = Subscription.PathOf(topic.Name, string.Empty);
        subscriptions.AddRange(Stored(StoredEntity.SubscriptionKind)
            .Where(pair => pair.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && pair.Key.IndexOf('/', prefix.Length) < 0)
            .Select(pair => pair.Value.ToSubscription(pair.Key[prefix.Length..])));
        return subscriptions;
    }

    private IEnumerable<KeyValuePair<string, StoredEntity>> Stored(string kind) => _stored.Where(pair => pair.Value.Kind == kind);
}
