using System.Diagnostics.CodeAnalysis;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>
/// An entity's live messages by sequence number, and the numbers themselves. Every durable change passes here (the
/// <see cref="IEntityJournal"/> hears of it) and every send is measured here (the <see cref="IEntityQuota"/> may
/// refuse it). Not thread-safe: used under the owning entity's lock.
/// </summary>
internal sealed class MessageStore(IEntityJournal journal, IEntityQuota quota)
{
    private readonly Dictionary<long, BrokerMessage> _messages = [];
    private long _lastSequenceNumber;

    /// <summary>Live messages: active, locked, deferred and scheduled.</summary>
    public int Count => _messages.Count;

    /// <summary>The encoded size of the live messages.</summary>
    public long SizeInBytes { get; private set; }

    public long LastSequenceNumber => _lastSequenceNumber;

    public IEnumerable<BrokerMessage> Messages => _messages.Values;

    public bool TryGet(long sequenceNumber, [NotNullWhen(true)] out BrokerMessage? message) =>
        _messages.TryGetValue(sequenceNumber, out message);

    /// <summary>Numbers for messages stored later (at a transaction's commit) that the sender must learn now.</summary>
    public long[] ReserveSequenceNumbers(int count)
    {
        var numbers = SequenceNumbers.Take(ref _lastSequenceNumber, count);
        journal.SequenceNumbersReserved(_lastSequenceNumber);
        return numbers;
    }

    /// <summary>Throws before anything of the send is stored when the quota has no room for all of it.</summary>
    public void EnsureRoomFor(IReadOnlyList<BrokerMessage> messages)
    {
        long incoming = 0;
        foreach (var message in messages)
        {
            incoming += message.Encoded.Length;
        }

        quota.EnsureRoom(SizeInBytes, incoming);
    }

    /// <summary>Numbers and keeps an accepted message; <paramref name="reservedSequenceNumber"/> 0 takes the next number.</summary>
    public void Add(BrokerMessage message, MessageState state, DateTimeOffset now, long reservedSequenceNumber)
    {
        message.SequenceNumber = reservedSequenceNumber != 0 ? reservedSequenceNumber : ++_lastSequenceNumber;
        message.EnqueuedTime = now;
        message.State = state;
        message.IsLive = true;
        _messages.Add(message.SequenceNumber, message);
        SizeInBytes += message.Encoded.Length;
        journal.Stored(message);
    }

    public void Update(BrokerMessage message) => journal.Updated(message);

    /// <summary>The message was locked for a receiver: its raised delivery count must survive a crash.</summary>
    public void MarkLocked(BrokerMessage message) => journal.Locked(message);

    /// <summary>Keeps a message read back from disk, as it was; nothing is journaled.</summary>
    public void Restore(BrokerMessage message)
    {
        message.IsLive = true;
        _messages.Add(message.SequenceNumber, message);
        SizeInBytes += message.Encoded.Length;
        _lastSequenceNumber = Math.Max(_lastSequenceNumber, message.SequenceNumber);
    }

    /// <summary>Numbers handed out before a restart are never given again, even those of messages long gone.</summary>
    public void RestoreLastSequenceNumber(long lastSequenceNumber) =>
        _lastSequenceNumber = Math.Max(_lastSequenceNumber, lastSequenceNumber);

    /// <summary>Forgets a message; the caller has unlocked it.</summary>
    public void Remove(BrokerMessage message)
    {
        message.IsLive = false;
        if (_messages.Remove(message.SequenceNumber))
        {
            SizeInBytes -= message.Encoded.Length;
            journal.Removed(message);
        }
    }

    public void WriteSessionState(MessageSession session, byte[]? state)
    {
        session.State = state;
        journal.SessionStateWritten(session.Id, state);
    }
}
