namespace CloudMessaging.ServiceBusEmulator.Broker.Storage;

/// <summary>
/// Lets the protocol side learn whether the broker call it just made wrote anything durable, and when that is on
/// disk. Broker calls run synchronously on the caller's thread, so the journal notes on that thread the commit that
/// will carry the writes; an in-memory namespace notes nothing and pays nothing.
/// </summary>
internal static class DurableWrites
{
    [ThreadStatic]
    private static Task? t_commit;

    /// <summary>Called before a broker call whose effects must be durable before it is answered.</summary>
    public static void Begin() => t_commit = null;

    /// <summary>The commit the call's writes wait for, or null when there is nothing to wait for.</summary>
    public static Task? End()
    {
        var commit = t_commit;
        t_commit = null;
        return commit is { IsCompletedSuccessfully: true } ? null : commit;
    }

    /// <summary>The journal appended a record that <paramref name="commit"/> will make durable.</summary>
    internal static void Note(Task commit) => t_commit = commit;
}
