using CloudMessaging.ServiceBusEmulator.Administration.Durability;
using CloudMessaging.ServiceBusEmulator.Amqp;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>
/// What the operations work on: the namespace, its metadata, the links to detach, the clock, the limits, and the
/// journal that keeps their changes in a durable namespace.
/// </summary>
internal sealed class AdministrationContext(
    ServiceBusNamespace serviceBusNamespace,
    EntityMetadataStore metadata,
    EntityLinks links,
    TimeProvider time,
    long maxMessageSizeBytes,
    string namespaceName,
    AdministrationLimits limits,
    EntityDefinitionJournal? definitions = null)
{
    public EntityDefinitionJournal Definitions { get; } = definitions ?? new EntityDefinitionJournal(null);

    public AdministrationLimits Limits { get; } = limits;

    public ServiceBusNamespace Namespace { get; } = serviceBusNamespace;

    public EntityMetadataStore Metadata { get; } = metadata;

    public EntityLinks Links { get; } = links;

    public TimeProvider Time { get; } = time;

    public long MaxMessageSizeInKilobytes { get; } = maxMessageSizeBytes / 1024;

    public string NamespaceName { get; } = namespaceName;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>
    /// The entity name a ForwardTo value names: the SDK sends an absolute URI (<c>sb://host/name</c>); the target
    /// must exist and accept messages (a queue or a topic).
    /// </summary>
    public string ResolveForward(string property, string value)
    {
        var name = Uri.TryCreate(value, UriKind.Absolute, out var uri) ? Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')) : value.Trim('/');
        return Namespace.FindTarget(name) is { } target
            ? target.Name
            : throw AdministrationException.BadRequest($"{property} names '{name}', which is not a queue or topic of this namespace.");
    }

    /// <summary>How a forwarding target is reported, as the service does: an absolute sb:// URI.</summary>
    public static string ForwardUri(string host, string name) => $"sb://{host.Split(':')[0]}/{name}";

    public void EnsureSendableTargetsExist(EntitySettings settings, string self)
    {
        if (string.Equals(settings.ForwardTo, self, StringComparison.OrdinalIgnoreCase))
        {
            throw AdministrationException.BadRequest($"'{self}' cannot forward to itself.");
        }
    }
}
