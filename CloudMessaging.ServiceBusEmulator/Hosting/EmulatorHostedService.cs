using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Hosting;

/// <summary>Runs the emulator for the life of the process; the health endpoint reports it once the listener accepts.</summary>
internal sealed partial class EmulatorHostedService(
    EmulatorHostSettings settings, EmulatorTopology topology, ILoggerFactory loggerFactory, ILogger<EmulatorHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private ServiceBusEmulator? _emulator;

    public bool IsListening => Volatile.Read(ref _emulator) is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = settings.Emulator;
        options.Topology = topology;
        options.LoggerFactory = loggerFactory;
        var emulator = await ServiceBusEmulator.StartAsync(options, cancellationToken);
        Volatile.Write(ref _emulator, emulator);
        LogListening(options.Host, emulator.Port, topology.Queues.Count, topology.Topics.Count, emulator.ConnectionString);
        if (emulator.WebSocketConnectionString is { } webSockets)
        {
            LogWebSockets(emulator.WebSocketPort!.Value, webSockets);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _emulator, null) is { } emulator)
        {
            await emulator.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service Bus emulator listening on {Host}:{Port} with {Queues} queue(s) and {Topics} topic(s). Connection string: {ConnectionString}")]
    private partial void LogListening(string host, int port, int queues, int topics, string connectionString);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP over WebSockets on port {Port} (TransportType AmqpWebSockets). Connection string: {ConnectionString}")]
    private partial void LogWebSockets(int port, string connectionString);
}
