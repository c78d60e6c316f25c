namespace CloudMessaging.Api.Security;

/// <summary>Headers every response carries: no sniffing, no framing, no referrer, nothing cached across users.</summary>
internal static class SecurityHeaders
{
    // Scalar's page runs its own scripts and styles; every other response is data and may load nothing.
    private const string ScalarPath = "/scalar";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments(ScalarPath))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }

            return next(context);
        });
}
