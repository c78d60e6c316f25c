namespace CloudMessaging.Web.Components.Pages.Namespace;

/// <summary>A message as a peek shows it: its system properties, application properties and the start of its body.</summary>
public sealed record PeekedMessage(
    long SequenceNumber,
    string MessageId,
    string? Subject,
    string? ContentType,
    string? CorrelationId,
    string? SessionId,
    DateTimeOffset EnqueuedTime,
    DateTimeOffset? ScheduledEnqueueTime,
    int DeliveryCount,
    string State,
    string? DeadLetterReason,
    string? DeadLetterErrorDescription,
    IReadOnlyList<KeyValuePair<string, string>> ApplicationProperties,
    long BodyLength,
    string BodyPreview);
