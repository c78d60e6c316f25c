namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// A claim check that cannot be honoured. <see cref="DeadLetterReason"/> is short and stable, so a processor can
/// dead-letter the message with it and operators can filter the dead-letter queue by it.
/// </summary>
public abstract class ClaimCheckException : Exception
{
    protected ClaimCheckException(string deadLetterReason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        DeadLetterReason = deadLetterReason;
    }

    public string DeadLetterReason { get; }
}
