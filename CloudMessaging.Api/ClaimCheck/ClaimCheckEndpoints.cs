using CloudMessaging.Api.Http;
using CloudMessaging.Api.Security;
using System.Security.Cryptography;
using System.Text.Json;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.ClaimCheck.Documents;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Api.ClaimCheck;

/// <summary>
/// Claim check: documents of any size are streamed into Blob Storage while hashed, and only a reference travels
/// through Service Bus; notes show the automatic variant, where size alone decides inline or by claim check.
/// </summary>
public static partial class ClaimCheckEndpoints
{
    public const string Tag = "Claim check";

    /// <summary>Notes are JSON messages: large enough to need offloading, small enough to bind in memory.</summary>
    public const long MaxNoteRequestBytes = 8 * 1024 * 1024;

    private const int MaxFileNameLength = 255;
    private const int MaxTitleLength = 200;

    public static IEndpointRouteBuilder MapClaimCheckEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>();

        group.MapPost("", UploadAsync)
            .RequireRateLimiting(RateLimitSetup.Uploads)
            .WithName("UploadDocument")
            .WithSummary("Streams the request body (any content type, up to ClaimCheck:MaxUploadBytes) into blob storage and queues a reference to it.")
            .Accepts<Stream>("application/octet-stream", "text/plain", "*/*")
            .Produces<DocumentStatus>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableRequestTimeout();

        group.MapGet("/{id}", GetStatusAsync)
            .WithName("GetDocumentStatus")
            .Produces<DocumentStatus>()
            .ProducesValidationProblem()
            .WithSummary("Shows a document's state (Queued, Processing, Succeeded, Failed) and, once processed, its result.");

        group.MapGet("/{id}/payload", GetPayloadAsync)
            .WithName("GetDocumentPayload")
            .WithSummary("Streams the stored payload back (as an application/octet-stream attachment), while its blob exists: until processed, or kept after a dead-letter.");

        group.MapPost("/notes", SendNoteAsync)
            .WithName("SendDocumentNote")
            .WithSummary("Sends a JSON note through the automatic claim check: inline up to the threshold, offloaded above it.")
            .Accepts<NoteRequest>("application/json")
            .Produces<NoteAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapGet("/notes/{id}", GetNoteAsync)
            .WithName("GetDocumentNote")
            .WithSummary("Shows what the note handler received, once it has.");

        return app;
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context,
        string? fileName,
        ClaimCheckStore store,
        DocumentSenders senders,
        DocumentStatusStore statuses,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(ClaimCheckEndpoints));
        var request = context.Request;

        // The store enforces ClaimCheck:MaxUploadBytes while it streams, bodies of unknown length included; the
        // API-wide Kestrel limit for JSON bodies would otherwise cut in first.
        context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = null;

        if (fileName is { Length: > MaxFileNameLength } || fileName?.Any(char.IsControl) == true)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["fileName"] = [$"The file name must be at most {MaxFileNameLength} characters without control characters."],
            });
        }

        if (request.ContentLength == 0)
        {
            return EmptyBody();
        }

        if (request.ContentLength > store.MaxUploadBytes)
        {
            // Answered before reading a byte: nothing is stored, nothing is sent.
            return TooLarge(store.MaxUploadBytes);
        }

        ClaimCheckReference reference;
        try
        {
            reference = await store.UploadAsync(request.Body, request.ContentType, fileName, context.RequestAborted);
        }
        catch (ClaimCheckEmptyPayloadException)
        {
            return EmptyBody();
        }
        catch (ClaimCheckTooLargeException ex)
        {
            LogUploadRefused(logger, fileName, ex.MaxBytes);
            return TooLarge(ex.MaxBytes);
        }
        catch (Exception ex) when (ex is IOException || context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or sent a broken body) before the end: the store committed nothing, so there
            // is nothing to send. The response most likely reaches no one, but a broken body deserves a 400.
            LogUploadAbandoned(logger, fileName, ex.GetType().Name);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request body was not received completely.",
                detail: "Nothing was stored or sent; upload the document again.");
        }

        var id = Guid.CreateVersion7().ToString("N");
        var status = new DocumentStatus(id, DocumentState.Queued, reference.BlobName, fileName, reference.ContentType, reference.Length, reference.Sha256, timeProvider.GetUtcNow());

        // Recorded before the send, so that the worker's Processing can never be overwritten by a late Queued.
        await statuses.SetAsync(status);
        var message = ClaimCheckMessageProperties.CreateMessage(reference);
        message.MessageId = id;
        message.ApplicationProperties[DocumentMessages.DocumentId] = id;
        try
        {
            await senders.Documents.SendMessageAsync(message, context.RequestAborted);
        }
        catch
        {
            // No message will ever refer to the blob: remove it now rather than leave it to the sweeper.
            await store.DeleteAsync(reference, CancellationToken.None);
            await statuses.DeleteAsync(id);
            throw;
        }

        LogDocumentQueued(logger, id, reference.Length, reference.BlobName);
        return TypedResults.Accepted($"/api/documents/{id}", status);
    }

    private static async Task<IResult> GetStatusAsync(string id, DocumentStatusStore statuses) =>
        RequestValues.CheckIdentifier(id, "id")
        ?? (await statuses.GetAsync(id) is { } status
            ? TypedResults.Ok(status)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No document '{id}' (unknown, or its status expired)."));

    private static async Task<IResult> GetPayloadAsync(string id, DocumentStatusStore statuses, ClaimCheckStore store, CancellationToken cancellationToken)
    {
        if (await statuses.GetAsync(id) is not { } status)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No document '{id}' (unknown, or its status expired).");
        }

        // Not verified on the way out: a payload kept after a hash mismatch is exactly what an operator wants to see.
        try
        {
            var download = await store.Container.GetBlobClient(status.BlobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            // Never the uploader's content type, always a download: an uploaded HTML page must not render on the API's origin.
            return TypedResults.Stream(download.Value.Content, "application/octet-stream", status.FileName ?? $"{id}.bin");
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: $"The payload of document '{id}' is gone.",
                detail: status.State == DocumentState.Succeeded ? "It was deleted once the document was processed." : null);
        }
    }

    private static async Task<IResult> SendNoteAsync(HttpContext context, DocumentSenders senders)
    {
        context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = MaxNoteRequestBytes;
        var (note, readError) = await TypedJsonBody.ReadAsync(context.Request, RequestJsonContext.Default.NoteRequest, MaxNoteRequestBytes, context.RequestAborted);
        if (readError is not null)
        {
            return readError;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(note?.Title) || note.Title.Length > MaxTitleLength)
        {
            errors["title"] = [$"A title of 1 to {MaxTitleLength} characters is required."];
        }

        if (string.IsNullOrEmpty(note?.Text))
        {
            errors["text"] = ["A text is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var id = Guid.CreateVersion7().ToString("N");
        var body = JsonSerializer.SerializeToUtf8Bytes(new Note(id, note!.Title!, note.Text!), DocumentJsonContext.Default.Note);
        var message = new ServiceBusMessage(body) { MessageId = id, ContentType = "application/json" };

        // The sender, not this endpoint, decides: up to ClaimCheck:InlineThresholdBytes inline, above it offloaded.
        var reference = await senders.Notes.SendMessageAsync(message, context.RequestAborted);
        return TypedResults.Accepted(
            $"/api/documents/notes/{id}",
            new NoteAccepted(id, reference is null ? "inline" : "claim-check", body.Length, Convert.ToHexStringLower(SHA256.HashData(body))));
    }

    private static async Task<Results<Ok<NoteReceipt>, ProblemHttpResult>> GetNoteAsync(string id, DocumentStatusStore statuses) =>
        await statuses.GetNoteAsync(id) is { } receipt
            ? TypedResults.Ok(receipt)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No note '{id}' has been handled (yet).");

    private static ValidationProblem EmptyBody() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The request body is empty; send the document as the body."] });

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request body is too large.",
            detail: $"The body exceeds the maximum of {maxBytes} bytes; nothing was stored or sent.",
            extensions: new Dictionary<string, object?> { ["field"] = "body", ["maxBytes"] = maxBytes });

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} queued: {Length} bytes in blob {BlobName}")]
    private static partial void LogDocumentQueued(ILogger logger, string documentId, long length, string blobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload of document '{FileName}' abandoned ({Failure}): nothing was stored or sent")]
    private static partial void LogUploadAbandoned(ILogger logger, string? fileName, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload of document '{FileName}' refused: larger than {MaxBytes} bytes")]
    private static partial void LogUploadRefused(ILogger logger, string? fileName, long maxBytes);
}
