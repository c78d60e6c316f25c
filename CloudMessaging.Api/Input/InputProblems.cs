namespace CloudMessaging.Api.Input;

/// <summary>
/// The answers of the input policy: every refusal is a ProblemDetails whose <c>errors</c> are keyed by the JSON member
/// path (<c>tasks[3].priority</c>), the header (<c>Idempotency-Key</c>), the query parameter or the route value.
/// </summary>
public static class InputProblems
{
    public const string DefaultTitle = "The request is invalid.";

    /// <summary>The key of errors about the body as a whole (not JSON, the wrong kind, too large).</summary>
    public const string Body = "body";

    public static IResult Invalid(string field, string message, string title = DefaultTitle) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);

    public static IResult Invalid(IDictionary<string, string[]> errors, string title = DefaultTitle) =>
        TypedResults.ValidationProblem(errors, title: title);

    public static IResult TooLarge(long maxBytes) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Body] = [$"The body may be at most {maxBytes} bytes."] })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large.",
            Detail = $"The body exceeds the maximum of {maxBytes} bytes; nothing was stored or sent.",
            Extensions = { ["field"] = Body, ["maxBytes"] = maxBytes },
        });

    /// <summary>
    /// The framework answers some refusals itself, before a handler runs: a body content type that routing's
    /// <c>Accepts</c> metadata excludes (415), a body over Kestrel's limit (413). They get the same shape here.
    /// </summary>
    public static void NameTheCulprit(ProblemDetailsContext context)
    {
        var field = context.ProblemDetails.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Content-Type",
            StatusCodes.Status413PayloadTooLarge => Body,
            _ => null,
        };
        if (field is not null && !context.ProblemDetails.Extensions.ContainsKey("errors"))
        {
            var message = field == Body ? "The body is too large." : $"Must be application/json; got '{context.HttpContext.Request.ContentType}'.";
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        }
    }

    public static IResult UnsupportedMediaType(string? contentType) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["Content-Type"] = [$"Must be application/json; got '{contentType}'."],
        })
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "The request body must be JSON.",
        });
}
