using CloudMessaging.ServiceBusEmulator.Broker.Storage;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>Remembers message ids for a time window; not thread-safe, used under the owning entity's lock.</summary>
internal sealed class DuplicateDetector(TimeSpan window, IEntityJournal? journal = null)
{
    /// <summary>Changed by the administration API; takes effect as ids are next forgotten.</summary>
    public TimeSpan Window { get; set; } = window;

    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset SeenAt)> _history = new();

    /// <summary>True when the message's id was seen inside the window; records it otherwise. Messages without an id are never duplicates.</summary>
    public bool IsDuplicate(BrokerMessage message, DateTimeOffset now) =>
        message.Fields.MessageId is { } messageId && !TryRecord(messageId, now);

    /// <summary>Records the id and returns false when it was already seen inside the window.</summary>
    public bool TryRecord(string messageId, DateTimeOffset now)
    {
        Forget(now);
        if (_seen.ContainsKey(messageId))
        {
            return false;
        }

        _seen[messageId] = now;
        _history.Enqueue((messageId, now));
        journal?.DuplicateRecorded(messageId, now, now + Window);
        return true;
    }

    /// <summary>Takes back an id recorded before a restart; ids must come oldest first.</summary>
    public void Restore(string messageId, DateTimeOffset seenAt)
    {
        _seen[messageId] = seenAt;
        _history.Enqueue((messageId, seenAt));
    }

    private void Forget(DateTimeOffset now)
    {
        while (_history.TryPeek(out var oldest) && now - oldest.SeenAt >= Window)
        {
            _history.Dequeue();
            if (_seen.TryGetValue(oldest.MessageId, out var seenAt) && seenAt == oldest.SeenAt)
            {
                _seen.Remove(oldest.MessageId);
            }
        }
    }
}
