using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>What one client connection has proven through CBS, and its request/response reply links.</summary>
internal sealed class ConnectionContext
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _authorizedUntil = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<string, SendingAmqpLink> ReplyLinks { get; } = new(StringComparer.Ordinal);

    public void Authorize(string entityPath, DateTimeOffset until) => _authorizedUntil[entityPath] = until;

    public bool IsAuthorized(string entityPath, DateTimeOffset now) =>
        _authorizedUntil.TryGetValue(entityPath, out var until) && until > now;

    public static ConnectionContext Of(AmqpLink link) =>
        link.Session.Connection.Extensions.Find<ConnectionContext>()
        ?? throw new InvalidOperationException("The connection was not accepted by the emulator's listener.");
}
