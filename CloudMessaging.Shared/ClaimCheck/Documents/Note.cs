namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>
/// A note about documents: an ordinary JSON message that is usually small but may be large. It travels through
/// <see cref="ClaimCheckSender"/>, so it goes inline or by claim check depending on its size alone.
/// </summary>
public sealed record Note(string Id, string Title, string Text);
