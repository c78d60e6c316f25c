using CloudMessaging.ServiceBusEmulator.Filters.Sql;

namespace CloudMessaging.ServiceBusEmulator.Filters.Rules;

/// <summary>
/// A rule whose filter or action does not parse. Start-up reports it for a Config.json rule; the rule manager
/// answers it as a bad request, so the SDK's exception names the problem and its position.
/// </summary>
public sealed class InvalidRuleException : ArgumentException
{
    public InvalidRuleException(string ruleName, string part, SqlSyntaxException error)
        : base($"Rule '{ruleName}' has an invalid SQL {part}: {error.Message}", error)
    {
        RuleName = ruleName;
        Position = error.Position;
    }

    public InvalidRuleException(string ruleName, string problem)
        : base($"Rule '{ruleName}' is invalid: {problem}")
    {
        RuleName = ruleName;
    }

    public string RuleName { get; }

    /// <summary>0-based character offset of the error in the filter or action expression, when there is one.</summary>
    public int? Position { get; }
}
