namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// The blob's content is not the payload the reference describes: its length or its SHA-256 differs. The blob is
/// left in place for inspection.
/// </summary>
public sealed class ClaimCheckIntegrityException : ClaimCheckException
{
    public ClaimCheckIntegrityException(ClaimCheckReference reference, long actualLength, string? actualSha256)
        : base(ReasonFor(reference, actualLength), Describe(reference, actualLength, actualSha256))
    {
        Reference = reference;
        ActualLength = actualLength;
        ActualSha256 = actualSha256;
    }

    public ClaimCheckReference Reference { get; }

    /// <summary>Bytes found in the blob, or read before the excess was noticed when the blob is longer.</summary>
    public long ActualLength { get; }

    /// <summary>SHA-256 of the blob's content; null when the length already disagreed.</summary>
    public string? ActualSha256 { get; }

    private static string ReasonFor(ClaimCheckReference reference, long actualLength) =>
        actualLength == reference.Length ? "ClaimCheckHashMismatch" : "ClaimCheckLengthMismatch";

    private static string Describe(ClaimCheckReference reference, long actualLength, string? actualSha256) =>
        actualLength == reference.Length
            ? $"Claim-check blob '{reference.Container}/{reference.BlobName}' has SHA-256 {actualSha256}, expected {reference.Sha256}."
            : $"Claim-check blob '{reference.Container}/{reference.BlobName}' holds {(actualLength > reference.Length ? "at least " : "")}{actualLength} bytes, expected {reference.Length}.";
}
