namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>The status record of one uploaded document, as the API returns it from its status link.</summary>
/// <param name="BlobName">The claim-check blob holding the payload until the document is processed.</param>
public sealed record DocumentStatus(
    string Id,
    DocumentState State,
    string BlobName,
    string? FileName,
    string? ContentType,
    long Length,
    string Sha256,
    DateTimeOffset UpdatedAt,
    string? HandledBy = null,
    DocumentAnalysis? Result = null,
    string? FailureReason = null,
    string? FailureDescription = null);
