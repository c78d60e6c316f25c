using System.Text.Json;

namespace CloudMessaging.Web.Components.Pages.ClaimCheck;

/// <summary><c>POST /api/documents</c> and <c>GET /api/documents/{id}</c>: where the document is in its journey.</summary>
public sealed record DocumentStatusView(
    string Id,
    JsonElement State,
    string BlobName,
    string? FileName,
    string? ContentType,
    long Length,
    string Sha256,
    DateTimeOffset UpdatedAt,
    string? HandledBy,
    DocumentAnalysisView? Result,
    string? FailureReason,
    string? FailureDescription)
{
    private static readonly string[] States = ["Queued", "Processing", "Succeeded", "Failed"];

    /// <summary>The state by name, whether the API wrote it as a string or a number.</summary>
    public string StateName => State.ValueKind == JsonValueKind.Number && State.TryGetInt32(out var index) && index >= 0 && index < States.Length
        ? States[index]
        : State.ToString();

    public bool IsFinal => StateName is "Succeeded" or "Failed";

    /// <summary>The worker's hash equals the one taken while the API streamed the upload in.</summary>
    public bool IsVerified => Result is { } result && string.Equals(result.Sha256, Sha256, StringComparison.OrdinalIgnoreCase) && result.Bytes == Length;
}

/// <summary>What the worker learned streaming the whole payload once from the blob.</summary>
public sealed record DocumentAnalysisView(long Bytes, long Lines, long Words, string Sha256);
