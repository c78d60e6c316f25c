using System.Net.Http.Headers;
using CloudMessaging.AppHost.Security;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Security;

/// <summary>
/// A second AppHost that behaves as deployed: tokens required (signed with a key made for this run), fault injection
/// off, one event stream per caller so the concurrency limit shows with two requests.
/// </summary>
public sealed class SecuredAppHostFixture : AppHostFixture
{
    private readonly string _signingKey = DevelopmentTokens.NewSigningKey();

    protected override IEnumerable<string> ExtraArguments =>
    [
        "Security:RequireAuthentication=true",
        $"Security:SigningKey={_signingKey}",
        "Security:ConcurrentEventStreams=1",
        "Demo:FaultInjection=false",
        "Workers:Replicas=1",
    ];

    public string TokenFor(string subject, params string[] roles) => TokenFor(subject, TimeSpan.FromMinutes(30), roles);

    public string TokenFor(string subject, TimeSpan lifetime, params string[] roles) =>
        DevelopmentTokens.Mint(Convert.FromBase64String(_signingKey), subject, roles, lifetime);

    /// <summary>A request with a bearer token for <paramref name="subject"/> in <paramref name="roles"/>; no token when subject is null.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? subject, params string[] roles)
    {
        var request = new HttpRequestMessage(method, path);
        if (subject is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(subject, roles));
        }

        return request;
    }
}
