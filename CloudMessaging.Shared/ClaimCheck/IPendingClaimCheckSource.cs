namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>Knows which claim-check blobs are still referenced by a message that may yet be delivered.</summary>
public interface IPendingClaimCheckSource
{
    /// <summary>
    /// Names of the blobs referenced by pending messages. Must throw rather than return a partial set: the
    /// sweeper deletes whatever is old and missing from it.
    /// </summary>
    Task<IReadOnlySet<string>> GetReferencedBlobNamesAsync(CancellationToken cancellationToken);
}
