using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Hosting;

/// <summary>Runs the emulator for the life of the process; the health endpoint reports it once the listener accepts.</summary>
internal sealed class EmulatorHostedService(
    EmulatorHostSettings settings, EmulatorTopology topology, ILoggerFactory loggerFactory, ILogger<EmulatorHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private ServiceBusEmulator? _emulator;

    public bool IsListening => Volatile.Read(ref _emulator) is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var emulator = await ServiceBusEmulator.StartAsync(
            new ServiceBusEmulatorOptions
            {
                Host = settings.Host,
                Port = settings.Port,
                WebSocketPort = settings.WebSocketPort,
                SharedAccessKeyName = settings.KeyName,
                SharedAccessKey = settings.Key,
                MaxMessageSizeBytes = settings.MaxMessageSizeBytes,
                TransactionTimeout = TimeSpan.FromSeconds(settings.TransactionTimeoutSeconds),
                Topology = topology,
                LoggerFactory = loggerFactory,
            },
            cancellationToken);
        Volatile.Write(ref _emulator, emulator);
        logger.LogInformation(
            "Service Bus emulator listening on {Host}:{Port} with {Queues} queue(s) and {Topics} topic(s). Connection string: {ConnectionString}",
            settings.Host,
            emulator.Port,
            topology.Queues.Count,
            topology.Topics.Count,
            emulator.ConnectionString);
        if (emulator.WebSocketConnectionString is { } webSockets)
        {
            logger.LogInformation("AMQP over WebSockets on port {Port} (TransportType AmqpWebSockets): {ConnectionString}", emulator.WebSocketPort, webSockets);
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
}
