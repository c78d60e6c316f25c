using System.Runtime.CompilerServices;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>
/// Metadata by broker object, so an entity deleted and created again under the same name starts afresh. Entities
/// from Config.json (or added by a test) get defaults dated when the API first sees them.
/// </summary>
internal sealed class EntityMetadataStore(TimeProvider time)
{
    private readonly ConditionalWeakTable<object, EntityMetadata> _metadata = [];

    public EntityMetadata Of(object entity) =>
        _metadata.GetValue(entity, _ => new EntityMetadata { CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() });

    public void Set(object entity, EntityMetadata metadata) => _metadata.AddOrUpdate(entity, metadata);

    public IEnumerable<KeyValuePair<object, EntityMetadata>> All => _metadata;
}
