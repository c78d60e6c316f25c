using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker.Topics;

/// <summary>
/// What the administration API changes and reads on a running topic: its definition (time to live, duplicate
/// window, size quota), its status, its subscriptions, and when it was last used.
/// </summary>
internal sealed partial class Topic
{
    private volatile EntityStatus _status;
    private long _maxSizeBytes;
    private long _accessedAtTicks;

    /// <summary>The topic's own properties; its subscriptions are listed by <see cref="Subscriptions"/>.</summary>
    public TopicDefinition Definition { get; private set; }

    public EntityStatus Status
    {
        get => _status;
        set => _status = value;
    }

    public DateTimeOffset AccessedAt => new(Interlocked.Read(ref _accessedAtTicks), TimeSpan.Zero);

    public IReadOnlyList<Subscription> Subscriptions => _subscriptions;

    /// <summary>Takes a new definition for later sends; its subscriptions are not part of it.</summary>
    public void ApplyDefinition(TopicDefinition definition)
    {
        lock (_sync)
        {
            Definition = definition with { Subscriptions = [] };
            Interlocked.Exchange(ref _maxSizeBytes, SizeQuota.BytesOf(definition.MaxSizeInMegabytes));
            if (_duplicates is not null)
            {
                _duplicates.Window = definition.DuplicateDetectionHistoryTimeWindow;
            }
        }
    }

    public bool RemoveSubscription(Subscription subscription)
    {
        lock (_sync)
        {
            var remaining = Array.FindAll(_subscriptions, s => s != subscription);
            var removed = remaining.Length != _subscriptions.Length;
            _subscriptions = remaining;
            return removed;
        }
    }

    /// <summary>The messages of all subscriptions and their dead-letter queues.</summary>
    public EntityCounts CountMessages() =>
        _subscriptions.Aggregate(default(EntityCounts), (sum, s) => sum + s.Entity.CountMessages());

    private void EnsureSendable()
    {
        if (!_status.AllowsSend())
        {
            throw new BrokerException(BrokerError.EntityDisabled, $"The messaging entity '{Name}' is {_status}: it does not accept messages.");
        }

        Interlocked.Exchange(ref _accessedAtTicks, _time.GetUtcNow().UtcTicks);
    }

    // The topic's quota covers what its subscriptions hold: a send whose copies would not fit stores none of them.
    private void EnsureRoomFor(List<BrokerMessage>?[] copies, Subscription[] subscriptions)
    {
        long incoming = 0;
        foreach (var forSubscription in copies)
        {
            incoming += forSubscription?.Sum(m => (long)m.Encoded.Length) ?? 0;
        }

        if (incoming > 0)
        {
            var stored = subscriptions.Sum(s => s.Entity.SizeInBytes);
            SizeQuota.EnsureRoom(stored, incoming, Interlocked.Read(ref _maxSizeBytes));
        }
    }
}
