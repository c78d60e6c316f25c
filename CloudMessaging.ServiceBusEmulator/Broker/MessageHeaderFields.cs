namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>The fields of an incoming message that the broker itself acts on, read once on arrival.</summary>
internal sealed record MessageHeaderFields
{
    public static readonly MessageHeaderFields Empty = new();

    public string? MessageId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>The message's own time to live; null when the sender did not set one.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>Set when the sender asked for the message to become visible later.</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }

    public string? CorrelationId { get; init; }

    public string? Subject { get; init; }

    public string? To { get; init; }

    public string? ReplyTo { get; init; }

    public string? ReplyToSessionId { get; init; }

    public string? ContentType { get; init; }
}
