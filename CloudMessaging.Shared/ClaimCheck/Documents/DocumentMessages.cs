namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>How a document travels on the <see cref="EntityNames.DocumentsQueue"/> queue.</summary>
public static class DocumentMessages
{
    /// <summary>
    /// Application property carrying the document id. The message id is the document id as well, but the id
    /// survives as a property wherever a message is copied or forwarded.
    /// </summary>
    public const string DocumentId = "document-id";
}
