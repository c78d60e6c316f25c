using System.Globalization;
using System.Net;

namespace CloudMessaging.ServiceBusEmulator.Security;

/// <summary>
/// The parts of <c>SharedAccessSignature sr=..&amp;sig=..&amp;se=..&amp;skn=..</c> (fields in any order).
/// <see cref="EncodedResource"/> and <see cref="EncodedExpiry"/> are kept exactly as sent because the signature
/// covers those bytes, not their decoded form.
/// </summary>
internal sealed record SharedAccessSignatureToken(
    string EncodedResource,
    string Resource,
    string EncodedExpiry,
    DateTimeOffset ExpiresAt,
    byte[] Signature,
    string KeyName)
{
    private const string Scheme = "SharedAccessSignature";

    public static bool TryParse(string? token, out SharedAccessSignatureToken? parsed, out string? problem)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            problem = "the token is empty";
            return false;
        }

        var trimmed = token.Trim();
        if (!trimmed.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"it does not start with '{Scheme} '";
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in trimmed[(Scheme.Length + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || separator == pair.Length - 1)
            {
                problem = $"'{pair}' is not a field=value pair";
                return false;
            }

            if (!fields.TryAdd(pair[..separator], pair[(separator + 1)..]))
            {
                problem = $"field '{pair[..separator]}' is given more than once";
                return false;
            }
        }

        foreach (var required in (string[])["sr", "sig", "se", "skn"])
        {
            if (!fields.ContainsKey(required))
            {
                problem = $"field '{required}' is missing";
                return false;
            }
        }

        if (!long.TryParse(WebUtility.UrlDecode(fields["se"]), NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds)
            || expirySeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            problem = "'se' is not a Unix time in seconds";
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(WebUtility.UrlDecode(fields["sig"]));
        }
        catch (FormatException)
        {
            problem = "'sig' is not base64";
            return false;
        }

        parsed = new SharedAccessSignatureToken(
            EncodedResource: fields["sr"],
            Resource: WebUtility.UrlDecode(fields["sr"]),
            EncodedExpiry: fields["se"],
            ExpiresAt: DateTimeOffset.FromUnixTimeSeconds(expirySeconds),
            Signature: signature,
            KeyName: WebUtility.UrlDecode(fields["skn"]));
        problem = null;
        return true;
    }
}
