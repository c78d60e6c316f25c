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

    public void Removed(BrokerMessage message)
    {
    }

    public void SessionStateWritten(string sessionId, byte[]? state)
    {
    }
}
