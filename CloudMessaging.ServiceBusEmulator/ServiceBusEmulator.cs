using System.Net;
using CloudMessaging.ServiceBusEmulator.Administration;
using CloudMessaging.ServiceBusEmulator.Administration.Durability;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Amqp;
using CloudMessaging.ServiceBusEmulator.Amqp.Cbs;
using CloudMessaging.ServiceBusEmulator.Amqp.WebSockets;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;
using CloudMessaging.ServiceBusEmulator.Security;
using CloudMessaging.ServiceBusEmulator.Telemetry;
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
    private readonly AmqpWebSocketServer? _webSockets;
    private readonly ServiceBusNamespace _namespace;
    private readonly AdministrationApi _administration;

    private readonly DurableStore? _store;
    private readonly BrokerMetrics _metrics;

    private ServiceBusEmulator(
        AmqpServer server, AmqpWebSocketServer? webSockets, ServiceBusNamespace serviceBusNamespace, AdministrationApi administration, DurableStore? store, TransactionRegistry transactions, ServiceBusEmulatorOptions options, BrokerMetrics metrics)
    {
        _metrics = metrics;
        _server = server;
        _webSockets = webSockets;
        _administration = administration;
        _namespace = serviceBusNamespace;
        _store = store;
        Transactions = transactions;
        Port = server.Port;
        ConnectionString = ConnectionStringFor(options, Port);
        WebSocketPort = webSockets?.Port;
        WebSocketConnectionString = webSockets is null ? null : ConnectionStringFor(options, webSockets.Port);
    }

    public int Port { get; }

    public string ConnectionString { get; }

    /// <summary>The port serving AMQP over WebSockets, when <see cref="ServiceBusEmulatorOptions.WebSocketPort"/> is set.</summary>
    public int? WebSocketPort { get; }

    /// <summary>
    /// The connection string for clients using <c>ServiceBusTransportType.AmqpWebSockets</c>: the .NET SDK then
    /// connects to <c>ws://localhost:&lt;WebSocketPort&gt;/$servicebus/websocket/</c>. Null without WebSockets.
    /// </summary>
    public string? WebSocketConnectionString { get; }

    internal ServiceBusNamespace Namespace => _namespace;

    internal int ConnectionCount => _server.ConnectionCount;

    /// <summary>The transactions declared and not yet discharged or abandoned.</summary>
    internal TransactionRegistry Transactions { get; }

    /// <exception cref="DataDirectoryException">The data directory cannot be used; nothing in it was changed.</exception>
    public static async Task<ServiceBusEmulator> StartAsync(ServiceBusEmulatorOptions options, CancellationToken cancellationToken = default)
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
        var metrics = new BrokerMetrics();
        ServiceBusNamespace serviceBusNamespace;
        StoredTopology? storedTopology = null;
        try
        {
            // A durable namespace comes back with what the administration API created, changed and deleted.
            storedTopology = store is null ? null : StoredTopology.From(store.ReadDefinitions());
            serviceBusNamespace = new ServiceBusNamespace(
                storedTopology?.Merge(options.Topology) ?? options.Topology, options.TimeProvider, message => AmqpRuleMessage.For(message, options.TimeProvider), loggerFactory, store, metrics);
            if (store is not null)
            {
                NamespaceRecovery.Recover(store, serviceBusNamespace, MessageCodec.Decode);
                store.Start();
            }
        }
        catch
        {
            store?.Dispose();
            metrics.Dispose();
            throw;
        }

        var validator = new SasTokenValidator(options.SharedAccessKeyName, options.SharedAccessKey, options.TimeProvider);
        var cbs = new CbsNode(validator, loggerFactory.CreateLogger<CbsNode>());
        var transactions = new TransactionRegistry(options.TimeProvider, options.TransactionTimeout);
        var entityLinks = new EntityLinks();
        var linkFactory = new LinkFactory(serviceBusNamespace, transactions, cbs, options.MaxMessageSizeBytes, loggerFactory, entityLinks);
        var administrationContext = new AdministrationContext(
            serviceBusNamespace,
            new EntityMetadataStore(options.TimeProvider),
            entityLinks,
            options.TimeProvider,
            options.MaxMessageSizeBytes,
            options.Topology.NamespaceName,
            options.AdministrationLimits,
            new EntityDefinitionJournal(store));
        storedTopology?.ApplyTo(administrationContext);
        var administration = new AdministrationApi(
            administrationContext,
            validator,
            loggerFactory.CreateLogger<AdministrationApi>());
        var server = new AmqpServer(linkFactory, options.TimeProvider, loggerFactory.CreateLogger<AmqpServer>(), administration.Serve);
        var webSocketListener = options.WebSocketPort is null ? null : new AcceptedWebSocketListener();
        AmqpWebSocketServer? webSockets = null;
        try
        {
            server.Start(options.Host, options.Port, webSocketListener);
            if (webSocketListener is not null)
            {
                webSockets = await AmqpWebSocketServer.StartAsync(options.Host, options.WebSocketPort!.Value, webSocketListener, loggerFactory);
            }
        }
        catch
        {
            server.Dispose();
            serviceBusNamespace.Dispose();
            store?.Dispose();
            metrics.Dispose();
            throw;
        }

        NamespaceGauges.Register(metrics, serviceBusNamespace, () => server.ConnectionCount, entityLinks.CountByRole);
        administration.Start();
        return new ServiceBusEmulator(server, webSockets, serviceBusNamespace, administration, store, transactions, options, metrics);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the AMQP connections first ends the WebSocket requests, so the HTTP server stops at once.
        _server.Dispose();
        if (_webSockets is not null)
        {
            await _webSockets.DisposeAsync();
        }

        _administration.Dispose();
        _namespace.Dispose();
        _store?.Dispose();
        _metrics.Dispose();
    }

    private static string ConnectionStringFor(ServiceBusEmulatorOptions options, int port) =>
        $"Endpoint=sb://{ClientHost(options.Host)}:{port};SharedAccessKeyName={options.SharedAccessKeyName};" +
        $"SharedAccessKey={options.SharedAccessKey};UseDevelopmentEmulator=true";

    // Clients reach a loopback or wildcard listener as localhost; the SDK's CBS audiences use that host name.
    private static string ClientHost(string host) =>
        IPAddress.TryParse(host, out var address) && (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            ? "localhost"
            : host;
}
