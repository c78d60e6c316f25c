using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CloudMessaging.ServiceBusEmulator.Tests.Security;

/// <summary>
/// Builds SAS tokens the way Azure.Messaging.ServiceBus does: the resource is URL-encoded, the string to sign is
/// <c>&lt;encoded resource&gt;\n&lt;expiry in Unix seconds&gt;</c>, signed with HMAC-SHA256 over the key's UTF-8
/// bytes, and the base64 signature is URL-encoded into the token.
/// </summary>
internal static class TestSasTokens
{
    public const string KeyName = "RootManageSharedAccessKey";
    public const string Key = "SAS_KEY_VALUE";

    /// <summary>The resource the SDK signs for a connection string without EntityPath, whatever the transport.</summary>
    public const string NamespaceResource = "amqps://localhost/";

    public static string Create(string resource, DateTimeOffset expiresAt, string keyName = KeyName, string key = Key)
    {
        var encodedResource = WebUtility.UrlEncode(resource);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{encodedResource}\n{expiry}")));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }

    /// <summary>Replaces one field's value as sent, leaving the others (and the signature) alone.</summary>
    public static string WithField(string token, string field, string value)
    {
        const string Prefix = "SharedAccessSignature ";
        var pairs = token[Prefix.Length..].Split('&')
            .Select(pair => pair.StartsWith(field + "=", StringComparison.Ordinal) ? $"{field}={value}" : pair);
        return Prefix + string.Join('&', pairs);
    }

    public static string FieldValue(string token, string field) =>
        token["SharedAccessSignature ".Length..].Split('&').Single(p => p.StartsWith(field + "=", StringComparison.Ordinal))[(field.Length + 1)..];
}
