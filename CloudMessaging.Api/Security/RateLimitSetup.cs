using System.Globalization;
using System.Threading.RateLimiting;
using CloudMessaging.Api.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace CloudMessaging.Api.Security;

/// <summary>
/// Requests per minute per caller (per IP address when anonymous), and per-caller concurrency limits on the two
/// endpoints that hold a connection open: uploads and event streams. Over a limit: 429 with Retry-After as a problem.
/// </summary>
public static class RateLimitSetup
{
    public const string Uploads = "uploads";

    public const string EventStreams = "event-streams";

    public static void AddApiRateLimits(this WebApplicationBuilder builder, SecurityOptions security)
    {
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsProbe(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = security.RequestsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            options.AddPolicy(Uploads, context => Concurrency(context, security.ConcurrentUploads));
            options.AddPolicy(EventStreams, context => Concurrency(context, security.ConcurrentEventStreams));
            options.OnRejected = RejectAsync;
        });
    }

    private static RateLimitPartition<string> Concurrency(HttpContext context, int permits) =>
        RateLimitPartition.GetConcurrencyLimiter(PartitionKey(context), _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });

    private static string PartitionKey(HttpContext context) =>
        Caller.IdOf(context.User) is var caller && caller != Caller.Anonymous
            ? $"caller:{caller}"
            : $"ip:{context.Connection.RemoteIpAddress}";

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthEndpointPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivenessEndpointPath);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        // A concurrency limit frees up when a request ends, not at a known time: a second is a fair guess.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        await RetryLaterProblem.WriteAsync(
            rejected.HttpContext,
            StatusCodes.Status429TooManyRequests,
            "Too many requests; retry after the time in Retry-After.",
            Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
    }
}
