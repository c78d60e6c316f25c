using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CloudMessaging.AppHost.Security;

/// <summary>
/// Access tokens for the local API when it requires authentication: HS256 JWTs shaped like Entra ID's (an
/// <c>oid</c>, a <c>roles</c> array), signed with the development key the AppHost hands the API. Tests mint theirs
/// here too, so they exercise exactly what a developer's curl session does.
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "https://cloudmessaging.localhost/dev-tokens";

    public const string Audience = "api://cloudmessaging-local";

    public static string Mint(byte[] signingKey, string subject, IReadOnlyCollection<string> roles, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = subject,
            ["oid"] = subject,
            ["name"] = subject,
            ["roles"] = roles,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        });

        var unsigned = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}";
        var signature = HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>A fresh 256-bit key, as base64 (the form <c>Security:SigningKey</c> takes).</summary>
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
