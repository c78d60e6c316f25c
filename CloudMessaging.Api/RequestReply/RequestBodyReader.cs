using System.Text.Json;

namespace CloudMessaging.Api.RequestReply;

/// <summary>
/// Reads a small JSON body up to a limit, so that an oversized body gets a 413 naming the limit and invalid JSON a 400
/// naming the field, rather than the framework's unexplained rejections.
/// </summary>
internal static class RequestBodyReader
{
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }

        if (buffer.Length == 0)
        {
            return (null, Invalid("body", "A JSON object is required."));
        }

        try
        {
            var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, Invalid("body", "The body must be a JSON object."));
            }

            return (document, null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid("body", $"The body is not valid JSON: {ex.Message}"));
        }
    }

    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    private static IResult TooLarge(int maxBytes) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [$"The body may be at most {maxBytes} bytes."] })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large.",
        });
}
