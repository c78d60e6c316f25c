using System.Net;
using CloudMessaging.ServiceBusEmulator.Amqp;
using CloudMessaging.ServiceBusEmulator.Amqp.Cbs;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;
using CloudMessaging.ServiceBusEmulator.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudMessaging.ServiceBusEmulator;

/// <summary>
/// An in-memory Service Bus namespace served over AMQP 1.0 that the unmodified Azure.Messaging.ServiceBus client
/// talks to through <see cref="ConnectionString"/>.
/// </summary>
public sealed class ServiceBusEmulator : IAsyncDisposable
{
    private readonly AmqpServer _server;
    private readonly ServiceBusNamespace _namespace;

    private readonly DurableStore? _store;

    private ServiceBusEmulator(
        AmqpServer server, ServiceBusNamespace serviceBusNamespace, DurableStore? store, TransactionRegistry transactions, ServiceBusEmulatorOptions options)
    {
        _server = server;
        _namespace = serviceBusNamespace;
        _store = store;
        Transactions = transactions;
        Port = server.Port;
        ConnectionString =
            $"Endpoint=sb://{ClientHost(options.Host)}:{Port};SharedAccessKeyName={options.SharedAccessKeyName};" +
            $"SharedAccessKey={options.SharedAccessKey};UseDevelopmentEmulator=true";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    internal ServiceBusNamespace Namespace => _namespace;

    internal int ConnectionCount => _server.ConnectionCount;

    /// <summary>The transactions declared and not yet discharged or abandoned.</summary>
    internal TransactionRegistry Transactions { get; }

    /// <exception cref="DataDirectoryException">The data directory cannot be used; nothing in it was changed.</exception>
    public static Task<ServiceBusEmulator> StartAsync(ServiceBusEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        if (options.MaxMessageSizeBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxMessageSizeBytes must be positive.");
        }

        if (options.TransactionTimeout <= TimeSpan.Zero || options.TransactionTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "TransactionTimeout must be positive and at most one day.");
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var store = options.DataDirectory is { } directory
            ? DurableStore.Open(directory, options.TimeProvider, loggerFactory.CreateLogger<DurableStore>(), options.MaxDataPages, options.CompactData)
            : null;
        ServiceBusNamespace serviceBusNamespace;
        try
        {
            serviceBusNamespace = new ServiceBusNamespace(
                options.Topology, options.TimeProvider, message => AmqpRuleMessage.For(message, options.TimeProvider), loggerFactory, store);
            if (store is not null)
            {
                NamespaceRecovery.Recover(store, serviceBusNamespace, MessageCodec.Decode);
                store.Start();
            }
        }
        catch
        {
            store?.Dispose();
            throw;
        }

        var validator = new SasTokenValidator(options.SharedAccessKeyName, options.SharedAccessKey, options.TimeProvider);
        var cbs = new CbsNode(validator, options.TimeProvider, loggerFactory.CreateLogger<CbsNode>());
        var transactions = new TransactionRegistry(options.TimeProvider, options.TransactionTimeout);
        var linkFactory = new LinkFactory(serviceBusNamespace, transactions, cbs, options.MaxMessageSizeBytes, options.TimeProvider, loggerFactory);
        var server = new AmqpServer(linkFactory, loggerFactory.CreateLogger<AmqpServer>());
        try
        {
            server.Start(options.Host, options.Port);
        }
        catch
        {
            serviceBusNamespace.Dispose();
            store?.Dispose();
            throw;
        }

        return Task.FromResult(new ServiceBusEmulator(server, serviceBusNamespace, store, transactions, options));
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        _namespace.Dispose();
        _store?.Dispose();
        return ValueTask.CompletedTask;
    }

    // Clients reach a loopback or wildcard listener as localhost; the SDK's CBS audiences use that host name.
    private static string ClientHost(string host) =>
        IPAddress.TryParse(host, out var address) && (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            ? "localhost"
            : host;
}
