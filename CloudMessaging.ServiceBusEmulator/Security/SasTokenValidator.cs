using System.Security.Cryptography;
using System.Text;

namespace CloudMessaging.ServiceBusEmulator.Security;

/// <summary>
/// Verifies Service Bus SAS tokens (<c>SharedAccessSignature sr=..&amp;sig=..&amp;se=..&amp;skn=..</c>): the key name, the
/// HMAC-SHA256 over the token's own resource and expiry, the expiry, and that the resource covers the audience.
/// </summary>
public sealed class SasTokenValidator(string keyName, string key, TimeProvider timeProvider)
{
    private const string Prefix = "SharedAccessSignature ";
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public SasValidationResult Validate(string token, string audience)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return SasValidationResult.Invalid("The token is not a shared access signature.");
        }

        string? resource = null, signature = null, expiry = null, name = null;
        foreach (var part in token[Prefix.Length..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=');
            if (separator <= 0)
            {
                continue;
            }

            var value = part[(separator + 1)..];
            switch (part[..separator].Trim())
            {
                case "sr": resource = value; break;
                case "sig": signature = value; break;
                case "se": expiry = value; break;
                case "skn": name = value; break;
            }
        }

        if (resource is null || signature is null || expiry is null || name is null)
        {
            return SasValidationResult.Invalid("The token lacks one of sr, sig, se, skn.");
        }

        if (!string.Equals(Uri.UnescapeDataString(name), keyName, StringComparison.Ordinal))
        {
            return SasValidationResult.Invalid($"The key name '{Uri.UnescapeDataString(name)}' is not known.");
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(resource + "\n" + expiry)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(Uri.UnescapeDataString(signature))))
        {
            return SasValidationResult.Invalid("The token signature does not match the key.");
        }

        if (!long.TryParse(expiry, out var expirySeconds) || DateTimeOffset.FromUnixTimeSeconds(expirySeconds) <= timeProvider.GetUtcNow())
        {
            return SasValidationResult.Invalid("The token has expired.");
        }

        return Covers(Uri.UnescapeDataString(resource), audience)
            ? SasValidationResult.Valid
            : SasValidationResult.Invalid($"The token's resource does not cover '{audience}'.");
    }

    // Scheme and port are ignored: the SDK signs with amqps:// even when it talks plain amqp:// to the emulator.
    private static bool Covers(string resource, string audience)
    {
        static string Normalize(string uri) =>
            Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
                ? (parsed.Host + "/" + parsed.AbsolutePath.Trim('/')).TrimEnd('/').ToLowerInvariant()
                : uri.Trim('/').ToLowerInvariant();

        var granted = Normalize(resource);
        var requested = Normalize(audience);
        return requested == granted || requested.StartsWith(granted + "/", StringComparison.Ordinal);
    }
}
