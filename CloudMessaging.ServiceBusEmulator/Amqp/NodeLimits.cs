namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// Bounds on the request/response nodes ($cbs, $management): how many requests a link may have in flight, how large
/// a request may be, and how much one peek returns. The SDKs send one request at a time per link and wait for it.
/// </summary>
internal static class NodeLimits
{
    /// <summary>Credit a request link is given (and given back as each request is answered).</summary>
    public const uint RequestLinkCredit = 100;

    /// <summary>A put-token carries one token: a SAS token is under 1 kB, a JWT a few kB.</summary>
    public const ulong CbsMaxMessageSize = 64 * 1024;

    /// <summary>The most messages one peek returns; clients page on by sequence number.</summary>
    public const int MaxPeekCount = 1000;

    /// <summary>A peek stops adding messages past this many encoded bytes (after the first, which always goes).</summary>
    public const int MaxPeekResponseBytes = 4 * 1024 * 1024;

    /// <summary>Management requests carry whole messages (schedule-message, set-session-state), several at once.</summary>
    public static ulong ManagementMaxMessageSize(long maxMessageSize) => (ulong)Math.Max(maxMessageSize * 16, 4 * 1024 * 1024);
}
