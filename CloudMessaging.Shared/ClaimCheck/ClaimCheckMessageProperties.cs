using System.Diagnostics.CodeAnalysis;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// How a Service Bus message says that its body is a claim check. The application properties let receivers and
/// the sweeper recognise one without parsing the body; the body itself stays the authoritative reference.
/// </summary>
public static class ClaimCheckMessageProperties
{
    /// <summary>Application property holding the blob name; its presence marks the message as a claim check.</summary>
    public const string BlobName = "claim-check-blob";

    /// <summary>Application property holding the content type of the original payload.</summary>
    public const string OriginalContentType = "claim-check-content-type";

    /// <summary>
    /// A message carrying <paramref name="reference"/> as its body, marked as a claim check. Used as is by explicit
    /// claim checks (an upload endpoint); <see cref="ClaimCheckOffloader"/> copies the original's properties onto it.
    /// </summary>
    public static ServiceBusMessage CreateMessage(ClaimCheckReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var message = new ServiceBusMessage(reference.ToBinaryData()) { ContentType = ClaimCheckReference.MediaType };
        message.ApplicationProperties[BlobName] = reference.BlobName;
        if (reference.ContentType is not null)
        {
            message.ApplicationProperties[OriginalContentType] = reference.ContentType;
        }

        return message;
    }

    public static bool IsClaimCheck(this ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ApplicationProperties.TryGetValue(BlobName, out var value) && value is string { Length: > 0 };
    }

    /// <summary>The blob a message refers to, read from its marker property only (cheap: the body is not parsed).</summary>
    public static bool TryGetClaimCheckBlobName(this ServiceBusReceivedMessage message, [NotNullWhen(true)] out string? blobName)
    {
        ArgumentNullException.ThrowIfNull(message);
        blobName = message.ApplicationProperties.TryGetValue(BlobName, out var value) ? value as string : null;
        return !string.IsNullOrEmpty(blobName);
    }

    /// <summary>The reference carried by a claim-check message, or null when the message is inline.</summary>
    /// <exception cref="InvalidClaimCheckReferenceException">The message is marked but its body is not a valid reference.</exception>
    public static ClaimCheckReference? GetClaimCheckReference(this ServiceBusReceivedMessage message)
    {
        if (!message.TryGetClaimCheckBlobName(out var blobName))
        {
            return null;
        }

        var reference = ClaimCheckReference.Parse(message.Body);
        if (!string.Equals(reference.BlobName, blobName, StringComparison.Ordinal))
        {
            throw new InvalidClaimCheckReferenceException(
                $"The message's '{BlobName}' property ('{blobName}') does not match the blob of its body ('{reference.BlobName}').");
        }

        return reference;
    }

    /// <summary>The content type of the original payload, whether it travelled inline or by claim check.</summary>
    public static string? GetOriginalContentType(this ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsClaimCheck())
        {
            return message.ContentType;
        }

        return message.ApplicationProperties.TryGetValue(OriginalContentType, out var value) ? value as string : null;
    }
}
