using System.Text.Json;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>A subscription's rules as JSON; correlation property values keep their AMQP types through <see cref="PropertyCodec"/>.</summary>
internal static class RuleSetCodec
{
    public static string Encode(IReadOnlyList<RuleDefinition> rules) =>
        JsonSerializer.Serialize(rules.Select(ToStored).ToList(), StoredRuleJson.Default.ListStoredRule);

    public static List<RuleDefinition> Decode(string json) =>
        [.. (JsonSerializer.Deserialize(json, StoredRuleJson.Default.ListStoredRule) ?? []).Select(FromStored)];

    private static StoredRule ToStored(RuleDefinition rule) => rule.Filter switch
    {
        TrueFilterDefinition => new StoredRule(rule.Name, "true", null, rule.ActionSqlExpression, null),
        FalseFilterDefinition => new StoredRule(rule.Name, "false", null, rule.ActionSqlExpression, null),
        SqlFilterDefinition sql => new StoredRule(rule.Name, "sql", sql.SqlExpression, rule.ActionSqlExpression, null),
        CorrelationFilterDefinition correlation => new StoredRule(rule.Name, "correlation", null, rule.ActionSqlExpression, new StoredCorrelation(
            correlation.ContentType, correlation.CorrelationId, correlation.Label, correlation.MessageId, correlation.ReplyTo,
            correlation.ReplyToSessionId, correlation.SessionId, correlation.To, PropertyCodec.Encode(correlation.Properties))),
        _ => throw new InvalidOperationException($"Rule '{rule.Name}' has a filter that cannot be stored: {rule.Filter.GetType().Name}."),
    };

    private static RuleDefinition FromStored(StoredRule rule) => new()
    {
        Name = rule.Name,
        ActionSqlExpression = rule.Action,
        Filter = rule.Kind switch
        {
            "true" => new TrueFilterDefinition(),
            "false" => new FalseFilterDefinition(),
            "sql" => new SqlFilterDefinition(rule.Sql ?? string.Empty),
            "correlation" when rule.Correlation is { } c => new CorrelationFilterDefinition
            {
                ContentType = c.ContentType,
                CorrelationId = c.CorrelationId,
                Label = c.Label,
                MessageId = c.MessageId,
                ReplyTo = c.ReplyTo,
                ReplyToSessionId = c.ReplyToSessionId,
                SessionId = c.SessionId,
                To = c.To,
                Properties = c.Properties is { } properties ? PropertyCodec.Decode(properties) : new Dictionary<string, object?>(),
            },
            _ => throw new InvalidOperationException($"Stored rule '{rule.Name}' has an unknown filter kind '{rule.Kind}'."),
        },
    };
}

internal sealed record StoredRule(string Name, string Kind, string? Sql, string? Action, StoredCorrelation? Correlation);

internal sealed record StoredCorrelation(
    string? ContentType,
    string? CorrelationId,
    string? Label,
    string? MessageId,
    string? ReplyTo,
    string? ReplyToSessionId,
    string? SessionId,
    string? To,
    byte[]? Properties);
