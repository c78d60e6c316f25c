using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// The open links of each entity (a queue, topic, subscription or dead-letter queue object), so that deleting or
/// disabling it at run time detaches them with the condition the SDK maps to the matching failure reason.
/// </summary>
internal sealed class EntityLinks
{
    private readonly ConcurrentDictionary<object, ConcurrentDictionary<AmqpLink, LinkRole>> _links = new(ReferenceEqualityComparer.Instance);

    public enum LinkRole
    {
        /// <summary>The client sends to the entity.</summary>
        Sender,

        /// <summary>The client receives from the entity.</summary>
        Receiver,

        /// <summary>The entity's $management node.</summary>
        Management,
    }

    public void Track(object entity, AmqpLink link, LinkRole role)
    {
        var links = _links.GetOrAdd(entity, _ => new ConcurrentDictionary<AmqpLink, LinkRole>());
        links[link] = role;
        link.SafeAddClosed((_, _) => links.TryRemove(link, out _));
    }

    /// <summary>The open links of every entity, by role (for the links metric).</summary>
    public IEnumerable<(string Role, int Count)> CountByRole() =>
        _links.Values.SelectMany(links => links.Values).GroupBy(role => role).Select(g => (g.Key.ToString().ToLowerInvariant(), g.Count()));

    /// <summary>Detaches the entity's links of the given roles with <paramref name="condition"/>.</summary>
    public void Detach(object entity, Func<LinkRole, bool> which, AmqpSymbol condition, string description)
    {
        if (!_links.TryGetValue(entity, out var links))
        {
            return;
        }

        foreach (var (link, role) in links)
        {
            if (which(role))
            {
                link.SafeClose(new AmqpException(new Error { Condition = condition, Description = description }));
            }
        }
    }

    /// <summary>Detaches every link of a deleted entity with amqp:not-found (MessagingEntityNotFound).</summary>
    public void DetachDeleted(object entity, string path)
    {
        Detach(entity, _ => true, ErrorConditions.NotFound, $"The messaging entity '{path}' was deleted.");
        _links.TryRemove(entity, out _);
    }
}
