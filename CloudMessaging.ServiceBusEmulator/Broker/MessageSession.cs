namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// One session of a session-enabled entity: its own FIFO of available messages, the exclusive lock a receiver
/// holds on it, and its state. Guarded by the owning entity's lock.
/// </summary>
internal sealed class MessageSession(string id)
{
    public string Id { get; } = id;

    public PriorityQueue<BrokerMessage, long> Available { get; } = new();

    /// <summary>Messages delivered under the current session lock and not settled yet.</summary>
    public HashSet<BrokerMessage> Locked { get; } = [];

    /// <summary>The receiver holding the session; null when the session is free.</summary>
    public IMessageConsumer? Holder { get; set; }

    public DateTimeOffset LockedUntil { get; set; }

    /// <summary>Session state set by receivers; kept for the life of the process, messages or not.</summary>
    public byte[]? State { get; set; }

    public bool IsLocked => Holder is not null;
}
