using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CloudMessaging.ServiceBusEmulator.Amqp.Transport;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>The TCP listener: SASL (MSSBCBS, ANONYMOUS), then AMQP 1.0 connections served by the link factory.</summary>
internal sealed class AmqpServer : IDisposable
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(30);

    // Without a receive buffer the library reads every frame with two receive calls (its 4-byte size, then its
    // body); with one, a single call takes in whatever has arrived and the frames after it are served from memory.
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly AmqpSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<AmqpConnection, byte> _connections = new();
    private AmqpTransportListener? _listener;

    private readonly Action<Stream>? _httpConnection;

    /// <param name="httpConnection">Serves a connection that starts with an HTTP request line instead of the AMQP header.</param>
    public AmqpServer(IRuntimeProvider runtimeProvider, TimeProvider time, ILogger logger, Action<Stream>? httpConnection = null)
    {
        _time = time;
        _logger = logger;
        _httpConnection = httpConnection;
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        _settings = new AmqpSettings { RuntimeProvider = runtimeProvider };
        _settings.TransportProviders.Add(sasl);
        _settings.TransportProviders.Add(amqp);
    }

    public int Port { get; private set; }

    public int ConnectionCount => _connections.Count;

    /// <summary>Starts listening; port 0 picks a free port (retrying if another process grabs it first).</summary>
    /// <param name="webSockets">Also serves the connections this listener accepts (AMQP over WebSockets), when given.</param>
    public void Start(string host, int port, TransportListener? webSockets = null)
    {
        const int Attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            var candidate = port == 0 ? FindFreePort(host) : port;
            var tcp = new TcpTransportSettings { Host = host, Port = candidate, ReceiveBufferSize = ReceiveBufferSize };
            TransportListener tcpListener = _httpConnection is null ? tcp.CreateListener() : new ProtocolSniffingListener(tcp, _httpConnection);
            var listener = new AmqpTransportListener(webSockets is null ? [tcpListener] : [tcpListener, webSockets], _settings);
            try
            {
                listener.Listen(OnTransportAccepted);
                _listener = listener;
                Port = candidate;
                return;
            }
            catch (SocketException) when (port == 0 && attempt < Attempts)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _listener?.Close();
        foreach (var connection in _connections.Keys)
        {
            connection.SafeClose();
        }
    }

    private static int FindFreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Loopback;
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private void OnTransportAccepted(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        if (args.Exception is not null)
        {
            _logger.LogHandshakeFailed(args.Exception);
            return;
        }

        try
        {
            var connectionSettings = new AmqpConnectionSettings { ContainerId = "CloudMessaging.ServiceBusEmulator", MaxFrameSize = 65536 };
            var connection = new AmqpConnection(args.Transport, (ProtocolHeader)args.UserToken, false, _settings, connectionSettings);
            var context = new ConnectionContext(_time);
            connection.Extensions.Add(context);
            _connections.TryAdd(connection, 0);
            connection.SafeAddClosed((sender, args) =>
            {
                _connections.TryRemove((AmqpConnection)sender!, out _);
                context.Dispose();
            });
            connection.BeginOpen(OpenTimeout, OnConnectionOpened, connection);
        }
        catch (Exception ex)
        {
            _logger.LogConnectionNotOpened(ex);
            args.Transport?.Abort();
        }
    }

    private void OnConnectionOpened(IAsyncResult result)
    {
        var connection = (AmqpConnection)result.AsyncState!;
        try
        {
            connection.EndOpen(result);
        }
        catch (Exception ex)
        {
            _logger.LogConnectionOpenFailed(ex);
            connection.SafeClose(ex);
        }
    }
}
