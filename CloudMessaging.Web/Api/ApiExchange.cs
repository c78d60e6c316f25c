namespace CloudMessaging.Web.Api;

/// <summary>One HTTP exchange with the API as it happened, for the pages that show the protocol (request-reply).</summary>
public sealed record ApiExchange(DateTimeOffset At, string Method, string Path, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The response headers that carry the pattern's protocol, in the order a reader checks them.</summary>
    public static readonly string[] ProtocolHeaders = ["Location", "Retry-After", "Content-Type"];

    public string? Header(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
