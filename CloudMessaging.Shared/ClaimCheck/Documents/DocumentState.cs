using System.Text.Json.Serialization;

namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>Where a document is on its way from upload to result.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentState>))]
public enum DocumentState
{
    /// <summary>Stored in Blob Storage; its reference is on the queue.</summary>
    Queued,

    /// <summary>A worker is streaming and verifying the payload.</summary>
    Processing,

    /// <summary>Verified and analysed; the result is recorded and the blob deleted.</summary>
    Succeeded,

    /// <summary>Dead-lettered (hash or length mismatch, missing blob); the blob is kept for inspection.</summary>
    Failed,
}
