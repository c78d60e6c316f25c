using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Messages;
using CloudMessaging.ServiceBusEmulator.Filters.Sql;

namespace CloudMessaging.ServiceBusEmulator.Filters.Correlation;

/// <summary>
/// Every set field must equal the message's value, ordinally and case-sensitively ("for string expressions, the
/// comparison is case-sensitive"); Label is matched against the message's Subject. Each entry of
/// <see cref="CorrelationFilterDefinition.Properties"/> must equal the application property of that name with the
/// SQL <c>=</c> semantics (so 5 matches an int, long or double 5, never the string "5"); names resolve as in SQL
/// filters. An entry whose value is null matches a message where the property is missing or null, as
/// <c>IS NULL</c> would. A filter with nothing set matches every message.
/// </summary>
public sealed class CorrelationFilter : IRuleFilter
{
    private readonly (SystemProperty Property, string Value)[] _systemConditions;
    private readonly KeyValuePair<string, object?>[] _propertyConditions;

    public CorrelationFilter(CorrelationFilterDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        _systemConditions = new (SystemProperty, string?)[]
            {
                (SystemProperty.CorrelationId, definition.CorrelationId),
                (SystemProperty.MessageId, definition.MessageId),
                (SystemProperty.To, definition.To),
                (SystemProperty.ReplyTo, definition.ReplyTo),
                (SystemProperty.Label, definition.Label),
                (SystemProperty.SessionId, definition.SessionId),
                (SystemProperty.ReplyToSessionId, definition.ReplyToSessionId),
                (SystemProperty.ContentType, definition.ContentType),
            }
            .Where(condition => condition.Item2 is not null)
            .Select(condition => (condition.Item1, condition.Item2!))
            .ToArray();
        _propertyConditions = [.. definition.Properties];
    }

    public CorrelationFilterDefinition Definition { get; }

    public bool Matches(IRuleMessage message)
    {
        foreach (var (property, expected) in _systemConditions)
        {
            if (!string.Equals(SqlValues.ToInvariantStringOrNull(message.GetSystemProperty(property)), expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var (name, expected) in _propertyConditions)
        {
            message.TryResolveApplicationProperty(name, out _, out var actual);
            var matches = expected is null ? actual is null : SqlValues.AreEqual(actual, expected) == true;
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }
}
