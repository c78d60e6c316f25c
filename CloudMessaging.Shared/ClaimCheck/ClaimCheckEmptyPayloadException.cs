namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>The payload stream ended before its first byte; nothing was stored (HTTP 400).</summary>
public sealed class ClaimCheckEmptyPayloadException()
    : ClaimCheckException("ClaimCheckEmptyPayload", "The payload is empty.");
