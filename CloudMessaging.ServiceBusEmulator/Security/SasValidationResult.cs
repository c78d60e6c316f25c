namespace CloudMessaging.ServiceBusEmulator.Security;

/// <summary>The outcome of checking a SAS token; <see cref="Error"/> is a short message for the CBS status description.</summary>
public readonly record struct SasValidationResult(bool IsValid, string? Error)
{
    /// <summary>When the accepted token stops being valid; null for a refused token.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public static SasValidationResult Valid(DateTimeOffset expiresAt) => new(true, null) { ExpiresAt = expiresAt };

    public static SasValidationResult Invalid(string error) => new(false, error);

    public static SasValidationResult Malformed(string detail) => Invalid($"malformed token: {detail}");

    public static SasValidationResult KeyNameUnknown { get; } = Invalid("key name unknown");

    public static SasValidationResult SignatureMismatch { get; } = Invalid("signature does not match");

    public static SasValidationResult Expired { get; } = Invalid("token expired");

    public static SasValidationResult ResourceDoesNotCoverAudience { get; } = Invalid("resource does not cover audience");
}
