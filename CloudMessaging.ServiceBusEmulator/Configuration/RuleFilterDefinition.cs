namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>A rule's filter as configured; the broker compiles it into an evaluator.</summary>
public abstract record RuleFilterDefinition;

public sealed record TrueFilterDefinition : RuleFilterDefinition;

public sealed record FalseFilterDefinition : RuleFilterDefinition;

public sealed record SqlFilterDefinition(string SqlExpression) : RuleFilterDefinition;

/// <summary>Every non-null field must equal the message's value for the filter to match.</summary>
public sealed record CorrelationFilterDefinition : RuleFilterDefinition
{
    public string? ContentType { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>Matches the message's Subject (called Label in the service's older API and in Config.json).</summary>
    public string? Label { get; init; }

    public string? MessageId { get; init; }

    public string? ReplyTo { get; init; }

    public string? ReplyToSessionId { get; init; }

    public string? SessionId { get; init; }

    public string? To { get; init; }

    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();
}
