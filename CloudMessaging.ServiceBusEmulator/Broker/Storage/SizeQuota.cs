namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>MaxSizeInMegabytes of one queue: a send that would make its stored messages larger is refused whole.</summary>
internal sealed class SizeQuota(int maxSizeInMegabytes) : IEntityQuota
{
    private const long BytesPerMegabyte = 1024 * 1024;

    private long _maxBytes = maxSizeInMegabytes * BytesPerMegabyte;

    public int MaxSizeInMegabytes
    {
        get => (int)(Interlocked.Read(ref _maxBytes) / BytesPerMegabyte);
        set => Interlocked.Exchange(ref _maxBytes, value * BytesPerMegabyte);
    }

    public void EnsureRoom(long storedBytes, long incomingBytes) => EnsureRoom(storedBytes, incomingBytes, Interlocked.Read(ref _maxBytes));

    /// <summary>Throws QuotaExceeded when <paramref name="incomingBytes"/> more do not fit under <paramref name="maxBytes"/>.</summary>
    public static void EnsureRoom(long storedBytes, long incomingBytes, long maxBytes)
    {
        if (storedBytes + incomingBytes > maxBytes)
        {
            throw new BrokerException(
                BrokerError.QuotaExceeded,
                $"The entity is full: {storedBytes} bytes are stored and {incomingBytes} more would exceed its MaxSizeInMegabytes of {maxBytes / BytesPerMegabyte} ({maxBytes} bytes).");
        }
    }

    public static long BytesOf(int megabytes) => megabytes * BytesPerMegabyte;
}
