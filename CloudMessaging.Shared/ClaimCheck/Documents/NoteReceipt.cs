namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>What the note handler saw: the body it was given and how that body travelled.</summary>
/// <param name="TravelledBy"><c>inline</c> or <c>claim-check</c>.</param>
/// <param name="BodyLength">Length of the message body the handler received after rehydration.</param>
/// <param name="BodySha256">SHA-256 of that body: equal to the sent body's whichever way it travelled.</param>
public sealed record NoteReceipt(
    string Id,
    string Title,
    int TextLength,
    string TravelledBy,
    long BodyLength,
    string BodySha256,
    string HandledBy,
    DateTimeOffset HandledAt);
