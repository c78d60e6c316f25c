using System.Collections.Concurrent;
using CloudMessaging.ServiceBusEmulator.Amqp.Cbs;
using Microsoft.Azure.Amqp;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// What one client connection has proven through CBS, its request/response reply links, and which of its sessions
/// carry a transaction coordinator. The connection is also the owner of the transactions it declares.
/// </summary>
internal sealed class ConnectionContext(TimeProvider time) : IDisposable
{
    // Sessions with a coordinator, each with the top-level entity its first entity link named ("" until then).
    private readonly ConcurrentDictionary<AmqpSession, string> _coordinatorSessions = new();

    public ConcurrentDictionary<string, SendingAmqpLink> ReplyLinks { get; } = new(StringComparer.Ordinal);

    /// <summary>The entity paths this connection holds tokens for, and the links attached under them.</summary>
    public CbsGrants Grants { get; } = new(time);

    public void Dispose() => Grants.Dispose();

    /// <summary>
    /// The SDK opens its coordinator on the session all its links share only when cross-entity transactions are
    /// enabled; otherwise every link has a session of its own.
    /// </summary>
    public void AddCoordinatorSession(AmqpSession session)
    {
        if (_coordinatorSessions.TryAdd(session, string.Empty))
        {
            session.SafeAddClosed((_, _) => _coordinatorSessions.TryRemove(session, out _));
        }
    }

    public bool HasCoordinator(AmqpSession session) => _coordinatorSessions.ContainsKey(session);

    /// <summary>
    /// On a session shared for cross-entity transactions, the first entity link names the entity all its work goes
    /// through; returns that entity (<paramref name="topLevelEntity"/> if this link is the first), or null on other sessions.
    /// </summary>
    public string? ViaEntity(AmqpSession session, string topLevelEntity)
    {
        if (!_coordinatorSessions.TryGetValue(session, out var via))
        {
            return null;
        }

        if (via.Length == 0)
        {
            _coordinatorSessions.TryUpdate(session, topLevelEntity, string.Empty);
            _coordinatorSessions.TryGetValue(session, out via);
        }

        return via;
    }

    public static ConnectionContext Of(AmqpLink link) =>
        link.Session.Connection.Extensions.Find<ConnectionContext>()
        ?? throw new InvalidOperationException("The connection was not accepted by the emulator's listener.");
}
