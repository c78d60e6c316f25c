namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>The payload grew past <see cref="ClaimCheckOptions.MaxUploadBytes"/>; nothing was kept (HTTP 413).</summary>
public sealed class ClaimCheckTooLargeException(long maxBytes)
    : ClaimCheckException("ClaimCheckTooLarge", $"The payload exceeds the maximum of {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
