using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// What one client connection has proven through CBS, its request/response reply links, and which of its sessions
/// carry a transaction coordinator. The connection is also the owner of the transactions it declares.
/// </summary>
internal sealed class ConnectionContext
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _authorizedUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<AmqpSession, byte> _coordinatorSessions = new();

    public ConcurrentDictionary<string, SendingAmqpLink> ReplyLinks { get; } = new(StringComparer.Ordinal);

    public void Authorize(string entityPath, DateTimeOffset until) => _authorizedUntil[entityPath] = until;

    public bool IsAuthorized(string entityPath, DateTimeOffset now) =>
        _authorizedUntil.TryGetValue(entityPath, out var until) && until > now;

    /// <summary>
    /// The SDK opens its coordinator on the session all its links share only when cross-entity transactions are
    /// enabled; otherwise every link has a session of its own.
    /// </summary>
    public void AddCoordinatorSession(AmqpSession session)
    {
        if (_coordinatorSessions.TryAdd(session, 0))
        {
            session.SafeAddClosed((_, _) => _coordinatorSessions.TryRemove(session, out _));
        }
    }

    public bool HasCoordinator(AmqpSession session) => _coordinatorSessions.ContainsKey(session);

    public static ConnectionContext Of(AmqpLink link) =>
        link.Session.Connection.Extensions.Find<ConnectionContext>()
        ?? throw new InvalidOperationException("The connection was not accepted by the emulator's listener.");
}
