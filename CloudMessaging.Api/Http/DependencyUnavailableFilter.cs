using Azure.Messaging.ServiceBus;
using StackExchange.Redis;

namespace CloudMessaging.Api.Http;

/// <summary>
/// Redis or Service Bus briefly unreachable (a timeout, a dropped connection) is the client's cue to retry, not a bug:
/// 503 with Retry-After and a problem saying which dependency, instead of a bare 500.
/// </summary>
internal sealed partial class DependencyUnavailableFilter(ILogger<DependencyUnavailableFilter> logger) : IEndpointFilter
{
    public const string RetryAfterSeconds = "2";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (Dependency(ex) is { } dependency)
        {
            LogUnavailable(ex, dependency, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                // The exception's message names hosts and internals; it goes to the log, never to the caller.
                title: $"{dependency} is unavailable; retry shortly.");
        }
    }

    private static string? Dependency(Exception exception) => exception switch
    {
        RedisTimeoutException or RedisConnectionException => "Redis",
        ServiceBusException { IsTransient: true } => "Service Bus",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} unavailable for {Method} {Path}")]
    private partial void LogUnavailable(Exception exception, string dependency, string method, PathString path);
}
