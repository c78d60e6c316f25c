using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using CloudMessaging.ServiceBusEmulator.Telemetry;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// A queue-like entity: a queue, a subscription or a dead-letter sub-queue. All its state is guarded by one lock
/// per entity, so entities never contend with each other; each part of the class owns one job and its fields:
/// arrival (sends, schedules, duplicates, forwarding), delivery (consumers, credit, the pump), settlement (locks),
/// expiry (TTL, scheduled activation, the timer), dead-lettering, management (peek, receive by sequence number,
/// delete), sessions and transactions. Messages and their numbers live in the <see cref="MessageStore"/>.
/// </summary>
internal sealed partial class MessageEntity : IMessageTarget, IScheduleTarget, IDisposable
{
    internal const string DeadLetterQueueSuffix = "/$DeadLetterQueue";

    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly Func<string, IMessageTarget?> _resolveTarget;
    private readonly ILogger _logger;
    private readonly MessageStore _store;
    private readonly EntityTelemetry _telemetry;
    private bool _disposed;

    /// <param name="journal">Hears every durable change (<see cref="NoJournal"/> when null).</param>
    /// <param name="quota">May refuse a send for its size (<see cref="NoQuota"/> when null).</param>
    /// <param name="metrics">Where the entity counts what happens to its messages (<see cref="BrokerMetrics.None"/> when null).</param>
    public MessageEntity(
        string name,
        EntitySettings settings,
        TimeProvider time,
        Func<string, IMessageTarget?> resolveTarget,
        ILogger logger,
        IEntityJournal? journal = null,
        IEntityQuota? quota = null,
        BrokerMetrics? metrics = null)
    {
        Name = name;
        Settings = settings;
        _time = time;
        _resolveTarget = resolveTarget;
        _logger = logger;
        _telemetry = new EntityTelemetry(name, metrics ?? BrokerMetrics.None);
        _store = new MessageStore(journal ?? NoJournal.Instance, quota ?? NoQuota.Instance);
        _sessions = settings.RequiresSession ? new Dictionary<string, MessageSession>(StringComparer.Ordinal) : null;
        _duplicates = settings.RequiresDuplicateDetection ? new DuplicateDetector(settings.DuplicateDetectionHistoryTimeWindow, journal) : null;
        _timer = new EntityTimer(time, OnTimer);
        _accessedAtTicks = time.GetUtcNow().UtcTicks;
        _pump = new DeliveryPump(PumpOnce);
    }

    public string Name { get; }

    /// <summary>Replaced at run time by the administration API (<see cref="ApplySettings"/>); later deliveries use the new values.</summary>
    public EntitySettings Settings { get; private set; }

    /// <summary>The entity's own dead-letter sub-queue; null for a dead-letter queue itself.</summary>
    public MessageEntity? DeadLetterQueue { get; init; }

    /// <summary>Number of live messages (active, locked, deferred, scheduled).</summary>
    public int MessageCount
    {
        get
        {
            lock (_sync)
            {
                return _store.Count;
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    /// <summary>Unlocks and forgets a message that leaves the entity.</summary>
    private void RemoveLive(BrokerMessage message)
    {
        if (message.IsLocked)
        {
            Unlock(message);
        }

        _store.Remove(message);
    }
}
