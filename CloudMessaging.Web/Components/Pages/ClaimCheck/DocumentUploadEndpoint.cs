using CloudMessaging.Web.Api;
using Microsoft.AspNetCore.Http.Features;

namespace CloudMessaging.Web.Components.Pages.ClaimCheck;

/// <summary>
/// <c>POST /uploads/documents?fileName=</c>: the browser's upload, streamed on to the API's <c>POST /api/documents</c>
/// as it arrives (never buffered here, so 1 GiB costs this server a few buffers). The browser only ever talks to the
/// web's own origin; the API answers through it. A custom header makes a cross-site form post impossible (it would
/// need a CORS preflight, which this server never grants).
/// </summary>
public static class DocumentUploadEndpoint
{
    public const string Path = "/uploads/documents";

    public const string RequiredHeader = "X-CloudMessaging-Upload";

    public static IEndpointRouteBuilder MapDocumentUploads(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, UploadAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, string? fileName, CloudMessagingApi api)
    {
        if (!context.Request.Headers.ContainsKey(RequiredHeader))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Uploads come from the claim-check page (header {RequiredHeader}).");
        }

        // The API enforces its own maximum while it streams; this server sets none of its own.
        context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = null;
        var path = fileName is null ? "/api/documents" : $"/api/documents?fileName={Uri.EscapeDataString(fileName)}";
        var response = await api.UploadAsync<DocumentStatusView>(path, context.Request.Body, context.Request.ContentType, context.Request.ContentLength, context.RequestAborted);
        return response.Value is { } status
            ? TypedResults.Json(status, CloudMessagingApi.Json, statusCode: response.Status)
            : TypedResults.Json(response.Problem, CloudMessagingApi.Json, "application/problem+json", response.Status == 0 ? StatusCodes.Status502BadGateway : response.Status);
    }
}
