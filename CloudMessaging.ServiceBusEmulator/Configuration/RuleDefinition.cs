namespace CloudMessaging.ServiceBusEmulator.Configuration;

public sealed record RuleDefinition
{
    public required string Name { get; init; }

    public required RuleFilterDefinition Filter { get; init; }

    /// <summary>SQL rule action (<c>SET ...; REMOVE ...</c>); null when the rule has none.</summary>
    public string? ActionSqlExpression { get; init; }
}
