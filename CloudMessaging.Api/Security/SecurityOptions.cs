using System.ComponentModel.DataAnnotations;

namespace CloudMessaging.Api.Security;

/// <summary>
/// Section <c>Security</c>. In Azure the API validates Microsoft Entra ID tokens (<see cref="Authority"/>,
/// <see cref="Audience"/>); locally the AppHost can hand it a symmetric <see cref="SigningKey"/> and
/// <see cref="Issuer"/> instead, so a developer mints tokens without a tenant.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>False (local default): every endpoint is anonymous and every caller is one caller.</summary>
    public bool RequireAuthentication { get; set; }

    /// <summary>The token issuer's authority, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The Entra tenant whose tokens are accepted (v1 and v2 issuers).</summary>
    public string? TenantId { get; set; }

    /// <summary>The API's app ID URI or client id: the <c>aud</c> a token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>Local development only: a base64 HMAC-SHA256 key; when set, <see cref="Authority"/> is not used.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The <c>iss</c> a locally signed token must carry.</summary>
    public string? Issuer { get; set; }

    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 600;

    [Range(1, 100)]
    public int ConcurrentUploads { get; set; } = 2;

    [Range(1, 100)]
    public int ConcurrentEventStreams { get; set; } = 4;

    /// <summary>An event stream ends after this long; the client reconnects (EventSource does so by itself).</summary>
    public TimeSpan MaxEventStreamLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
