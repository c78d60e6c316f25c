namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>The status record of one uploaded document, as the API returns it from its status link.</summary>
public sealed record DocumentStatus(
    string Id,
    DocumentState State,
    string? FileName,
    string? ContentType,
    long Length,
    string Sha256,
    DateTimeOffset UpdatedAt,
    string? HandledBy = null,
    DocumentAnalysis? Result = null,
    string? FailureReason = null,
    string? FailureDescription = null);
