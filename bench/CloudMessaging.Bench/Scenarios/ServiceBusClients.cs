using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// One or more clients on the same namespace. Every ServiceBusClient is one AMQP connection, whose frames one reader
/// processes in order; senders and receivers spread over several clients get a reader each.
/// </summary>
internal sealed class ServiceBusClients(string connectionString, int count) : IAsyncDisposable
{
    private readonly ServiceBusClient[] _clients = [.. Enumerable.Range(0, Math.Max(1, count)).Select(_ => new ServiceBusClient(connectionString))];

    /// <summary>The client for the <paramref name="index"/>-th sender or receiver, round robin.</summary>
    public ServiceBusClient For(int index) => _clients[index % _clients.Length];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }
}
