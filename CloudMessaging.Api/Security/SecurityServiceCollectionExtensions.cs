using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Authentication and roles, rate limits and the fault-injection switch (sections <c>Security</c>, <c>Demo</c>).</summary>
    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        builder.Services.AddSingleton<FaultInjection>();

        var security = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        builder.AddApiAuthentication(security);
        builder.AddApiRateLimits(security);
        return builder;
    }

    /// <summary>After the error pages (so 401, 403 and 429 become problems), before the endpoints.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireAuthentication)
        {
            app.UseAuthentication();
        }

        // The limiter runs after authentication (it partitions by caller) and before authorization, so a flood of
        // requests without a valid token is limited per IP address too.
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
