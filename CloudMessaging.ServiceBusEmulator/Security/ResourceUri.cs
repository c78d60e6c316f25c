namespace CloudMessaging.ServiceBusEmulator.Security;

/// <summary>
/// A resource or audience URI reduced to what authorization compares: the host and the path segments, without
/// scheme or port. The SDK signs <c>amqps://localhost/</c> even when it talks plain AMQP, and the CBS audience is
/// <c>amqp://localhost/&lt;entity&gt;</c>, so scheme and port must not matter.
/// </summary>
internal sealed class ResourceUri
{
    private ResourceUri(string host, string[] segments)
    {
        Host = host;
        Segments = segments;
    }

    public string Host { get; }

    public IReadOnlyList<string> Segments { get; }

    public static ResourceUri? TryParse(string text)
    {
        var rest = text.Trim();
        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            rest = rest[(schemeEnd + 3)..];
        }

        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart >= 0 ? rest[..pathStart] : rest;
        var path = pathStart >= 0 ? rest[pathStart..] : string.Empty;

        var host = StripPort(authority);
        if (host.Length == 0)
        {
            return null;
        }

        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            path = path[..query];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return new ResourceUri(host, segments);
    }

    /// <summary>True when this resource is <paramref name="audience"/> or one of its ancestors (same host, path prefix by whole segments).</summary>
    public bool Covers(ResourceUri audience)
    {
        if (!string.Equals(Host, audience.Host, StringComparison.OrdinalIgnoreCase) || Segments.Count > audience.Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < Segments.Count; i++)
        {
            if (!string.Equals(Segments[i], audience.Segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static string StripPort(string authority)
    {
        var userInfoEnd = authority.LastIndexOf('@');
        if (userInfoEnd >= 0)
        {
            authority = authority[(userInfoEnd + 1)..];
        }

        if (authority.StartsWith('['))
        {
            // IPv6 literal: the port, if any, follows the closing bracket.
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? authority[..(close + 1)] : string.Empty;
        }

        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? authority[..colon] : authority;
    }
}
