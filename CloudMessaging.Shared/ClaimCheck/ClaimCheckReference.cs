using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// What a message carries instead of a large payload: where the payload lives and how to recognise it intact.
/// Serialized as a small JSON body (a few hundred bytes) with the media type <see cref="MediaType"/>.
/// </summary>
/// <param name="Container">Blob container holding the payload.</param>
/// <param name="BlobName">Name of the blob inside <paramref name="Container"/>.</param>
/// <param name="Length">Payload length in bytes.</param>
/// <param name="Sha256">SHA-256 of the payload, 64 lowercase hex digits.</param>
/// <param name="ContentType">Media type of the payload as the producer declared it; null when it declared none.</param>
/// <param name="FileName">Original file name, when the producer gave one.</param>
public sealed record ClaimCheckReference(
    string Container,
    string BlobName,
    long Length,
    string Sha256,
    string? ContentType,
    string? FileName = null)
{
    /// <summary>Content type of a message whose body is a serialized <see cref="ClaimCheckReference"/>.</summary>
    public const string MediaType = "application/vnd.cloudmessaging.claim-check+json";

    public BinaryData ToBinaryData() => BinaryData.FromObjectAsJson(this, ClaimCheckJsonContext.Default.ClaimCheckReference.Options);

    public string ToJson() => JsonSerializer.Serialize(this, ClaimCheckJsonContext.Default.ClaimCheckReference);

    /// <summary>Reads a reference from a message body, rejecting anything incomplete or malformed.</summary>
    /// <exception cref="InvalidClaimCheckReferenceException">The body is not a valid reference.</exception>
    public static ClaimCheckReference Parse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);

        ClaimCheckReference? reference;
        try
        {
            reference = JsonSerializer.Deserialize(body.ToMemory().Span, ClaimCheckJsonContext.Default.ClaimCheckReference);
        }
        catch (JsonException ex)
        {
            throw new InvalidClaimCheckReferenceException($"The claim-check reference is not valid JSON: {ex.Message}", ex);
        }

        if (reference is null)
        {
            throw new InvalidClaimCheckReferenceException("The claim-check reference is empty.");
        }

        reference.Validate();
        return reference;
    }

    /// <exception cref="InvalidClaimCheckReferenceException">A field is missing or out of range.</exception>
    public void Validate()
    {
        // Deserialization leaves absent non-nullable fields null, so every field is checked here.
        if (string.IsNullOrEmpty(Container))
        {
            throw new InvalidClaimCheckReferenceException("The claim-check reference has no 'container'.");
        }

        if (string.IsNullOrEmpty(BlobName))
        {
            throw new InvalidClaimCheckReferenceException("The claim-check reference has no 'blobName'.");
        }

        if (Length < 0)
        {
            throw new InvalidClaimCheckReferenceException($"The claim-check reference has a negative 'length' ({Length}).");
        }

        if (Sha256 is not { Length: 64 } || !Sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new InvalidClaimCheckReferenceException("The claim-check reference's 'sha256' is not 64 lowercase hex digits.");
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClaimCheckReference))]
internal sealed partial class ClaimCheckJsonContext : JsonSerializerContext;
