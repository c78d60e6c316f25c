namespace CloudMessaging.ServiceBusEmulator.Broker;

internal static class SequenceNumbers
{
    /// <summary>
    /// The next <paramref name="count"/> numbers after <paramref name="last"/>, which moves past them. The caller holds
    /// the lock that guards <paramref name="last"/>, so numbers taken now and numbers given on enqueue never collide.
    /// </summary>
    public static long[] Take(ref long last, int count)
    {
        var numbers = new long[count];
        for (var i = 0; i < count; i++)
        {
            numbers[i] = ++last;
        }

        return numbers;
    }
}
