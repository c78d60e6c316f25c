namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>A message row's key: the entity's storage id in the high bits, the sequence number in the low 40.</summary>
internal static class MessageKey
{
    private const int SequenceBits = 40;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    public static long Of(int entityId, long sequenceNumber)
    {
        if (sequenceNumber is <= 0 or > SequenceMask)
        {
            throw new ArgumentOutOfRangeException(nameof(sequenceNumber), sequenceNumber, "A durable sequence number must fit in 40 bits.");
        }

        return ((long)entityId << SequenceBits) | sequenceNumber;
    }

    public static int EntityOf(long key) => (int)(key >> SequenceBits);

    public static long SequenceOf(long key) => key & SequenceMask;
}
