using System.Security.Cryptography;
using System.Text;

namespace CloudMessaging.ServiceBusEmulator.Security;

/// <summary>
/// Checks the SAS tokens clients present through CBS <c>put-token</c> against the emulator's one shared access key:
/// the key name, the HMAC-SHA256 signature over <c>&lt;sr as sent&gt;\n&lt;se&gt;</c>, the expiry, and that the signed
/// resource covers the audience the token is presented for.
/// </summary>
public sealed class SasTokenValidator
{
    private readonly string keyName;
    private readonly byte[] key;
    private readonly TimeProvider timeProvider;

    public SasTokenValidator(string keyName, string key, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.keyName = keyName;
        this.key = Encoding.UTF8.GetBytes(key);
        this.timeProvider = timeProvider;
    }

    /// <param name="token">The token string from the put-token body.</param>
    /// <param name="audience">The put-token <c>name</c>, e.g. <c>amqp://localhost/orders</c>.</param>
    public SasValidationResult Validate(string token, string audience)
    {
        if (!SharedAccessSignatureToken.TryParse(token, out var parsed, out var problem))
        {
            return SasValidationResult.Malformed(problem!);
        }

        if (!string.Equals(parsed!.KeyName, keyName, StringComparison.Ordinal))
        {
            return SasValidationResult.KeyNameUnknown;
        }

        if (!SignatureMatches(parsed))
        {
            return SasValidationResult.SignatureMismatch;
        }

        if (parsed.ExpiresAt <= timeProvider.GetUtcNow())
        {
            return SasValidationResult.Expired;
        }

        var resource = ResourceUri.TryParse(parsed.Resource);
        var target = ResourceUri.TryParse(audience ?? string.Empty);
        if (resource is null || target is null || !resource.Covers(target))
        {
            return SasValidationResult.ResourceDoesNotCoverAudience;
        }

        return SasValidationResult.Valid(parsed.ExpiresAt);
    }

    private bool SignatureMatches(SharedAccessSignatureToken token)
    {
        var stringToSign = Encoding.UTF8.GetBytes($"{token.EncodedResource}\n{token.EncodedExpiry}");
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, stringToSign, expected);
        // FixedTimeEquals returns false at once for a different length, which reveals nothing about the key.
        return CryptographicOperations.FixedTimeEquals(expected, token.Signature);
    }
}
