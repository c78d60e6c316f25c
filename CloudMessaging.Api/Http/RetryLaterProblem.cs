namespace CloudMessaging.Api.Http;

/// <summary>Answers from middleware (rate limiter, request timeout) that tell the client when to try again.</summary>
internal static class RetryLaterProblem
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string retryAfterSeconds)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = retryAfterSeconds;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title },
        });
    }
}
