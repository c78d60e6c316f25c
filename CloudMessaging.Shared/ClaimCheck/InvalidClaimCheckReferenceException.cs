namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>A message is marked as a claim check but its reference is malformed or points outside the claim-check container.</summary>
public sealed class InvalidClaimCheckReferenceException(string message, Exception? innerException = null)
    : ClaimCheckException("ClaimCheckInvalidReference", message, innerException);
