namespace CloudMessaging.Api.DeadLetters;

/// <summary>The application properties in which Service Bus keeps a dead-lettered message's reason and description.</summary>
internal static class DeadLetterPropertyNames
{
    public const string Reason = "DeadLetterReason";

    public const string Description = "DeadLetterErrorDescription";
}
