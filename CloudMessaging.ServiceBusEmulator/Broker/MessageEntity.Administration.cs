namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// What the administration API changes and reads on a running entity: its settings, its status, its message
/// counts and when it was last used.
/// </summary>
internal sealed partial class MessageEntity
{
    private volatile EntityStatus _status;
    private long _accessedAtTicks;

    public EntityStatus Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>The last send or delivery (or the creation); drives AutoDeleteOnIdle and AccessedAt.</summary>
    public DateTimeOffset AccessedAt => new(Interlocked.Read(ref _accessedAtTicks), TimeSpan.Zero);

    /// <summary>
    /// Takes new settings for later deliveries. Sessions and duplicate detection cannot be switched on or off on a
    /// live entity (the service refuses it too); the administration layer checks that before calling.
    /// </summary>
    public void ApplySettings(EntitySettings settings)
    {
        lock (_sync)
        {
            Settings = settings;
            if (_duplicates is not null)
            {
                _duplicates.Window = settings.DuplicateDetectionHistoryTimeWindow;
            }

            if (DeadLetterQueue is { } deadLetterQueue)
            {
                deadLetterQueue.Settings = EntitySettings.DeadLetterQueueOf(settings);
            }
        }

        RequestPump();
    }

    /// <summary>The entity's messages by kind, with its dead-letter queue's.</summary>
    public EntityCounts CountMessages()
    {
        long active = 0, deferred = 0, scheduled = 0, size;
        lock (_sync)
        {
            foreach (var message in _store.Messages)
            {
                switch (message.State)
                {
                    case MessageState.Deferred: deferred++; break;
                    case MessageState.Scheduled: scheduled++; break;
                    default: active++; break;
                }
            }

            size = _store.SizeInBytes;
        }

        var own = new EntityCounts(active, deferred, scheduled, 0, size);
        if (DeadLetterQueue is { } deadLetterQueue)
        {
            var dead = deadLetterQueue.CountMessages();
            own += new EntityCounts(0, 0, 0, dead.Total, dead.SizeInBytes);
        }

        return own;
    }

    /// <summary>The encoded size of the live messages, without the dead-letter queue's.</summary>
    public long SizeInBytes
    {
        get
        {
            lock (_sync)
            {
                return _store.SizeInBytes;
            }
        }
    }

    private void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _accessedAtTicks, now.UtcTicks);

    private void EnsureSendable()
    {
        if (!_status.AllowsSend())
        {
            throw new BrokerException(BrokerError.EntityDisabled, $"The messaging entity '{Name}' is {_status}: it does not accept messages.");
        }
    }
}
