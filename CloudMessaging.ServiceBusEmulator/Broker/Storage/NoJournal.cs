using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>The in-memory namespace keeps nothing beyond the process.</summary>
internal sealed class NoJournal : IEntityJournal
{
    public static readonly NoJournal Instance = new();

    private NoJournal()
    {
    }

    public void Stored(BrokerMessage message)
    {
    }

    public void Updated(BrokerMessage message)
    {
    }

    public void Locked(BrokerMessage message)
    {
    }

    public void Removed(BrokerMessage message)
    {
    }

    public void SessionStateWritten(string sessionId, byte[]? state)
    {
    }

    public void SequenceNumbersReserved(long lastSequenceNumber)
    {
    }

    public void DuplicateRecorded(string messageId, DateTimeOffset seenAt, DateTimeOffset forgetAt)
    {
    }

    public void ScheduledCopiesRecorded(long sequenceNumber, DateTimeOffset at, IReadOnlyList<(string Entity, long SequenceNumber)> copies)
    {
    }

    public void ScheduledCopiesForgotten(long sequenceNumber)
    {
    }

    public void RulesChanged(IReadOnlyList<RuleDefinition> rules)
    {
    }
}
