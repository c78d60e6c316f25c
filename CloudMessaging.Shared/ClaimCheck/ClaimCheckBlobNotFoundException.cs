namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>The blob a reference points to does not exist (swept, deleted, or never committed).</summary>
public sealed class ClaimCheckBlobNotFoundException(ClaimCheckReference reference, Exception? innerException = null)
    : ClaimCheckException(
        "ClaimCheckBlobMissing",
        $"Claim-check blob '{reference.Container}/{reference.BlobName}' does not exist.",
        innerException)
{
    public ClaimCheckReference Reference { get; } = reference;
}
