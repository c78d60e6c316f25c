using System.Diagnostics.Metrics;

namespace CloudMessaging.ServiceBusEmulator.Telemetry;

/// <summary>
/// The counters of one namespace, on a Meter of its own (named <see cref="EmulatorTelemetry.Name"/>), so that two
/// emulators in one process never mix their figures. Every counter is tagged with the entity's path. The gauges
/// are added by <see cref="NamespaceGauges"/>.
/// </summary>
internal sealed class BrokerMetrics : IDisposable
{
    private static readonly Lazy<BrokerMetrics> Unobserved = new(() => new BrokerMetrics());

    public BrokerMetrics()
    {
        Meter = new Meter(EmulatorTelemetry.Name);
        Sent = Counter("servicebus.emulator.messages.sent", "Messages stored by the entity: sent, scheduled, forwarded or dead-lettered to it.");
        Received = Counter("servicebus.emulator.messages.received", "Messages delivered to a receiver (locked, or removed in ReceiveAndDelete mode).");
        Completed = Counter("servicebus.emulator.messages.completed", "Messages completed by a receiver.");
        Abandoned = Counter("servicebus.emulator.messages.abandoned", "Messages abandoned by a receiver.");
        Deferred = Counter("servicebus.emulator.messages.deferred", "Messages deferred by a receiver.");
        DeadLettered = Counter("servicebus.emulator.messages.dead_lettered", "Messages moved to the dead-letter queue, by a receiver or by the broker.");
        Expired = Counter("servicebus.emulator.messages.expired", "Messages whose time to live ran out.");
        LocksExpired = Counter("servicebus.emulator.locks.expired", "Message locks (and messages under a session lock) that ran out without a settlement.");
    }

    /// <summary>For entities made without a namespace's metrics (unit tests): counted on a meter nobody asked for.</summary>
    public static BrokerMetrics None => Unobserved.Value;

    public Meter Meter { get; }

    public Counter<long> Sent { get; }

    public Counter<long> Received { get; }

    public Counter<long> Completed { get; }

    public Counter<long> Abandoned { get; }

    public Counter<long> Deferred { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> Expired { get; }

    public Counter<long> LocksExpired { get; }

    public void Dispose() => Meter.Dispose();

    private Counter<long> Counter(string name, string description) => Meter.CreateCounter<long>(name, "{message}", description);
}
