namespace CloudMessaging.Api.ClaimCheck;

/// <summary>
/// What the API sent for a note: the hash of the message body before any offloading, to compare with the hash
/// the handler reports, and whether the body travelled by claim check.
/// </summary>
public sealed record NoteAccepted(string Id, string TravelledBy, long BodyLength, string BodySha256);
