using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace CloudMessaging.Api.Input;

/// <summary>
/// Reads a JSON body under the input policy: a JSON content type (else 415), at most a limit of bytes (else 413),
/// valid UTF-8, valid JSON no deeper than <see cref="MaxDepth"/>, of the expected kind, without duplicate member
/// names or NUL characters (else 400 naming the body or the member). Endpoints never see a body that breaks these.
/// </summary>
public static class JsonBodyReader
{
    public const int MaxDepth = 16;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Reads a body that must be one JSON object.</summary>
    public static Task<(JsonDocument? Document, IResult? Error)> ReadObjectAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken) =>
        ReadAsync(request, maxBytes, allowArray: false, cancellationToken);

    /// <summary>Reads a body that must be one JSON object or, when <paramref name="allowArray"/>, an array (a batch).</summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadAsync(
        HttpRequest request, long maxBytes, bool allowArray, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, InputProblems.UnsupportedMediaType(request.ContentType));
        }

        var (bytes, readError) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        if (readError is not null)
        {
            return (null, readError);
        }

        if (bytes.Length == 0)
        {
            return (null, InputProblems.Invalid(InputProblems.Body, "A JSON object is required."));
        }

        // The parser leaves invalid UTF-8 inside strings to whoever reads them; refuse it here, once, for every member.
        if (!Utf8.IsValid(bytes.Span))
        {
            return (null, InputProblems.Invalid(InputProblems.Body, "The body is not valid UTF-8."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, InputProblems.Invalid(InputProblems.Body, $"The body is not valid JSON (at most {MaxDepth} levels deep): {ex.Message}"));
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object && !(allowArray && kind == JsonValueKind.Array))
        {
            document.Dispose();
            return (null, InputProblems.Invalid(InputProblems.Body, allowArray ? "The body must be a JSON object or array." : "The body must be a JSON object."));
        }

        if (JsonStructureRules.FindViolation(document.RootElement) is { } violation)
        {
            document.Dispose();
            return (null, InputProblems.Invalid(violation.Path, violation.Message));
        }

        return (document, null);
    }

    /// <summary>application/json or any <c>+json</c> type, with or without a charset (which must then be UTF-8).</summary>
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var charset = mediaType.Charset.Value;
        return (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Error)> ReadBytesAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (default, InputProblems.TooLarge(maxBytes));
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
                    return (default, InputProblems.TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, InputProblems.TooLarge(maxBytes));
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }
}
