using System.Text.Json;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Administration.Durability;

/// <summary>
/// Journals what the administration API does to the topology, so a durable namespace comes back with it
/// (docs/emulator-durability.md). The records join the same group commit as the messages, in order: the API answers
/// once they are on disk. Without a data directory it does nothing.
/// </summary>
internal sealed class EntityDefinitionJournal(DurableStore? store)
{
    private static readonly string Tombstone = Encode(StoredEntity.Deleted);

    public void QueueDefined(QueueDefinition definition, EntityStatus status, EntityMetadata metadata) =>
        store?.Define(definition.Name, Encode(StoredEntity.OfQueue(definition, status, metadata)));

    public void TopicDefined(TopicDefinition definition, EntityStatus status, EntityMetadata metadata) =>
        store?.Define(definition.Name, Encode(StoredEntity.OfTopic(definition, status, metadata)));

    public void SubscriptionDefined(Subscription subscription, SubscriptionDefinition definition, EntityStatus status, EntityMetadata metadata) =>
        store?.Define(subscription.Entity.Name, Encode(StoredEntity.OfSubscription(definition, subscription.Rules.CurrentDefinitions, status, metadata)));

    public void QueueDeleted(MessageEntity queue) => Deleted(queue);

    public void TopicDeleted(Topic topic, IEnumerable<Subscription> subscriptions)
    {
        store?.Delete(topic.Name, Tombstone);
        foreach (var subscription in subscriptions)
        {
            SubscriptionDeleted(subscription);
        }
    }

    public void SubscriptionDeleted(Subscription subscription) => Deleted(subscription.Entity);

    private static string Encode(StoredEntity entity) => JsonSerializer.Serialize(entity, StoredEntityJson.Default.StoredEntity);

    private void Deleted(MessageEntity entity)
    {
        store?.Delete(entity.Name, Tombstone);
        if (entity.DeadLetterQueue is { } deadLetterQueue)
        {
            store?.Delete(deadLetterQueue.Name, tombstone: null);
        }
    }
}
