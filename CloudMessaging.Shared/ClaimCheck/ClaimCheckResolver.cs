using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// The receiving side of automatic claim checks: gives a handler the original body and content type whether the
/// message travelled inline or by claim check.
/// </summary>
/// <remarks>
/// Deleting the blob is left to the caller, after the message is completed: deleting before completing would lose
/// the payload if completion fails and the message is redelivered. On a topic, where every subscription gets its
/// own copy of the reference, no single subscriber may delete it; leave those blobs to the sweeper.
/// </remarks>
public sealed class ClaimCheckResolver(ClaimCheckStore store)
{
    /// <summary>The original body, fetched and verified from Blob Storage when the message is a claim check.</summary>
    /// <exception cref="ClaimCheckBlobNotFoundException">The blob does not exist.</exception>
    /// <exception cref="ClaimCheckIntegrityException">The blob is not the payload the reference describes.</exception>
    /// <exception cref="InvalidClaimCheckReferenceException">The message is marked but its reference is not valid.</exception>
    public async Task<ResolvedMessageBody> ResolveAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reference = message.GetClaimCheckReference();
        if (reference is null)
        {
            return new ResolvedMessageBody(message.Body, message.ContentType, null);
        }

        var body = await store.DownloadAsync(reference, cancellationToken).ConfigureAwait(false);
        return new ResolvedMessageBody(body, reference.ContentType, reference);
    }

    /// <summary>Deletes the blob behind a resolved body, if it had one. Call after completing the message.</summary>
    public async Task DeleteClaimAsync(ResolvedMessageBody resolved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        if (resolved.Reference is not null)
        {
            await store.DeleteAsync(resolved.Reference, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the blob a message refers to, if it is a claim check. Call after completing the message.</summary>
    public async Task DeleteClaimAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        var reference = message.GetClaimCheckReference();
        if (reference is not null)
        {
            await store.DeleteAsync(reference, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>A message body as its producer sent it, and the reference it travelled by, if any.</summary>
public sealed record ResolvedMessageBody(BinaryData Body, string? ContentType, ClaimCheckReference? Reference)
{
    public bool WasClaimChecked => Reference is not null;
}
