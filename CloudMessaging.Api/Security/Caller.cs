using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace CloudMessaging.Api.Security;

/// <summary>Who is calling: the token's object id (Entra) or subject; without authentication, everyone is one caller.</summary>
public static class Caller
{
    public const string Anonymous = "anonymous";

    public static string IdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.FindFirstValue("oid") ?? user.FindFirstValue("sub")) is { Length: > 0 } id
            ? id
            : Anonymous;

    /// <summary>
    /// A caller-private name for a client-chosen key (an Idempotency-Key): the caller's id hashed, so neither a colon
    /// in it nor its length can make two callers' keys meet.
    /// </summary>
    public static string Scope(ClaimsPrincipal user, string key) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(IdOf(user))))[..32]}:{key}";
}
