namespace CloudMessaging.Web.Hosting;

/// <summary>Section <c>Web</c>: where the API is and how the web authenticates to it (docs/web.md, Security).</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The API's base address; <c>http://api</c> resolves through Aspire service discovery.</summary>
    public Uri ApiBaseAddress { get; set; } = new("http://api");

    /// <summary>
    /// A bearer token forwarded on every API call, for an API that requires authentication (the AppHost mints a
    /// development token when it runs with <c>Security:RequireAuthentication true</c>). Empty: calls go without one.
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>Shows the failure switches; mirrors the API's <c>Demo:FaultInjection</c>, which decides in the end.</summary>
    public bool FaultInjection { get; set; }

    /// <summary>How long an ordinary (non-streaming) API call may take.</summary>
    public TimeSpan ApiCallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
