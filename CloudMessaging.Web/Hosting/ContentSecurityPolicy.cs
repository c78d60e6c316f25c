namespace CloudMessaging.Web.Hosting;

/// <summary>
/// Everything the pages use is bundled (docs/web.md): the policy makes the browser refuse any script, style, font or
/// connection to another origin, so a stray external reference fails loudly (the browser tests watch the console).
/// Inline styles stay allowed because the diagrams position their message tokens with style attributes.
/// </summary>
internal static class ContentSecurityPolicy
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseContentSecurityPolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Policy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
}
