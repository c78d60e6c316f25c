namespace CloudMessaging.Api.Input;

/// <summary>
/// For endpoints that take no body (<c>POST /api/smoke</c>, the DELETEs, the failure switch): a body is refused with
/// 400 rather than ignored, so a client that thinks it is sending something learns that it is not.
/// </summary>
public static class NoBodyFilter
{
    public static RouteHandlerBuilder RefuseBody(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            return request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0)
                ? InputProblems.Invalid(InputProblems.Body, "This endpoint takes no body.")
                : await next(context);
        });
}
