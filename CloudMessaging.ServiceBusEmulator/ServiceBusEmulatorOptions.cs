using CloudMessaging.ServiceBusEmulator.Configuration;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator;

public sealed class ServiceBusEmulatorOptions
{
    /// <summary>Interface to listen on; loopback by default so the emulator is not reachable from the network.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port; 0 picks a free port (read it back from <see cref="ServiceBusEmulator.Port"/>).</summary>
    public int Port { get; set; } = 5672;

    /// <summary>
    /// Also serve AMQP over plain WebSockets on this port (0 picks a free one); null (the default) serves TCP only.
    /// </summary>
    public int? WebSocketPort { get; set; }

    public string SharedAccessKeyName { get; set; } = "RootManageSharedAccessKey";

    public string SharedAccessKey { get; set; } = "SAS_KEY_VALUE";

    public EmulatorTopology Topology { get; set; } = new();

    /// <summary>Advertised on every sender link; the SDK sizes batches by it and refuses larger messages.</summary>
    public long MaxMessageSizeBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a transaction may stay open before it is rolled back; the service's limit is 2 minutes. At most a day.
    /// </summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Keeps the namespace in this directory (created when missing): every acknowledged change survives a crash.
    /// Null (the default) keeps everything in memory.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Caps the data directory's database at this many 4 KB pages, so tests can fill the "disk".</summary>
    internal long? MaxDataPages { get; set; }

    /// <summary>False leaves the write-ahead log as the commits wrote it, so tests can tear its end.</summary>
    internal bool CompactData { get; set; } = true;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The entity quotas of the administration API (the service's by default).</summary>
    internal Administration.AdministrationLimits AdministrationLimits { get; set; } = new();
}
