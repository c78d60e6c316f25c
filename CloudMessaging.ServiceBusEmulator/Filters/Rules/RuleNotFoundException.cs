namespace CloudMessaging.ServiceBusEmulator.Filters.Rules;

/// <summary>Removing a rule that does not exist; the service answers 404 amqp:not-found.</summary>
public sealed class RuleNotFoundException(string ruleName)
    : KeyNotFoundException($"The rule '{ruleName}' does not exist.")
{
    public string RuleName { get; } = ruleName;
}
