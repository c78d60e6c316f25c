namespace CloudMessaging.Api.ClaimCheck;

/// <summary>The body of <c>POST /api/documents/notes</c>.</summary>
public sealed record NoteRequest(string? Title, string? Text);
