namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>What a worker learned from streaming a whole document once.</summary>
/// <param name="Bytes">Payload length, verified against the reference.</param>
/// <param name="Lines">Line feeds counted, plus one when the payload does not end with one.</param>
/// <param name="Words">Runs of non-whitespace bytes (ASCII whitespace separates words).</param>
/// <param name="Sha256">SHA-256 of the payload, verified against the reference.</param>
public sealed record DocumentAnalysis(long Bytes, long Lines, long Words, string Sha256);
