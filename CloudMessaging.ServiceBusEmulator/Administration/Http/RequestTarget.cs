namespace CloudMessaging.ServiceBusEmulator.Administration.Http;

/// <summary>Splits a request target (<c>/path?a=1&amp;b=2</c>) into its decoded path and query parameters.</summary>
internal static class RequestTarget
{
    public static (string Path, IReadOnlyDictionary<string, string> Query) Parse(string target)
    {
        var questionMark = target.IndexOf('?');
        var rawPath = questionMark < 0 ? target : target[..questionMark];
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (questionMark >= 0)
        {
            foreach (var pair in target[(questionMark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                query[name] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return (Uri.UnescapeDataString(rawPath.Trim('/')), query);
    }
}
