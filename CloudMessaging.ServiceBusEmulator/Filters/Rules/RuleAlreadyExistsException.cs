namespace CloudMessaging.ServiceBusEmulator.Filters.Rules;

/// <summary>Adding a rule whose name is taken; the service answers 409 com.microsoft:entity-already-exists.</summary>
public sealed class RuleAlreadyExistsException(string ruleName)
    : InvalidOperationException($"The rule '{ruleName}' already exists.")
{
    public string RuleName { get; } = ruleName;
}
