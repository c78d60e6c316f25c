using Microsoft.AspNetCore.Http.Timeouts;

namespace CloudMessaging.Api.Http;

/// <summary>
/// No request waits longer than <see cref="Timeout"/> on a dependency: then it answers 503 with Retry-After, as the
/// <see cref="DependencyUnavailableFilter"/> does when the dependency fails sooner. Streams (uploads, event streams)
/// opt out with <c>DisableRequestTimeout</c>; their own limits bound them.
/// </summary>
internal static class RequestTimeoutSetup
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static void AddApiRequestTimeouts(this IServiceCollection services) =>
        services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = Timeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = context => RetryLaterProblem.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "A dependency did not answer in time; retry shortly.",
                DependencyUnavailableFilter.RetryAfterSeconds),
        });
}
