namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>No size limit: entities hold whatever memory allows.</summary>
internal sealed class NoQuota : IEntityQuota
{
    public static readonly NoQuota Instance = new();

    private NoQuota()
    {
    }

    public void EnsureRoom(long storedBytes, long incomingBytes)
    {
    }
}
