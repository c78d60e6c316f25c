using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Workers.RequestReply;

/// <summary>One long-lived sender per reply entity a requester names in ReplyTo (senders are meant to be reused).</summary>
public sealed class ReplySenders(ServiceBusClient client) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public ServiceBusSender For(string entityPath) => _senders.GetOrAdd(entityPath, client.CreateSender);

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }
    }
}
