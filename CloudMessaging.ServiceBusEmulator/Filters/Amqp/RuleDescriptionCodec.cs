using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Filters.Amqp;

/// <summary>
/// Rules on the wire of the <c>$management</c> node (servicebus-amqp.md §7.2–7.3): decodes the map an
/// <c>add-rule</c> request carries and encodes the described lists <c>enumerate-rules</c> answers with.
/// True and false filters travel as SQL <c>1=1</c> / <c>1=0</c> in add-rule (TrueRuleFilter derives from
/// SqlRuleFilter) and go back with their own descriptors, so the SDK returns TrueRuleFilter / FalseRuleFilter.
/// </summary>
public static class RuleDescriptionCodec
{
    public const ulong RuleDescriptionCode = 0x0000013700000004;
    public const ulong EmptyRuleActionCode = 0x0000013700000005;
    public const ulong SqlRuleActionCode = 0x0000013700000006;
    public const ulong SqlFilterCode = 0x0000001370000006;
    public const ulong TrueFilterCode = 0x0000001370000007;
    public const ulong FalseFilterCode = 0x0000001370000008;
    public const ulong CorrelationFilterCode = 0x0000001370000009;

    /// <summary>The service's compatibility level for SQL filters and actions.</summary>
    public const int SqlCompatibilityLevel = 20;

    public const string RuleNameKey = "rule-name";
    public const string RuleDescriptionKey = "rule-description";
    public const string SqlFilterKey = "sql-filter";
    public const string CorrelationFilterKey = "correlation-filter";
    public const string SqlRuleActionKey = "sql-rule-action";
    public const string ExpressionKey = "expression";
    public const string PropertiesKey = "properties";
    public const string RulesKey = "rules";

    private const string TrueExpression = "1=1";
    private const string FalseExpression = "1=0";

    /// <summary>Decodes the body of an <c>add-rule</c> request: <c>rule-name</c> and <c>rule-description</c>.</summary>
    /// <exception cref="InvalidRuleException">A required entry is missing or has the wrong type.</exception>
    public static RuleDefinition DecodeAddRuleRequest(AmqpMap body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var name = Get(body, RuleNameKey) as string;
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidRuleException(string.Empty, $"the request has no '{RuleNameKey}'");
        }

        return Get(body, RuleDescriptionKey) is AmqpMap description
            ? DecodeRuleDescription(name, description)
            : throw new InvalidRuleException(name, $"the request has no '{RuleDescriptionKey}' map");
    }

    /// <summary>Decodes a <c>rule-description</c> map (sql-filter or correlation-filter, optional sql-rule-action).</summary>
    public static RuleDefinition DecodeRuleDescription(string ruleName, AmqpMap description)
    {
        ArgumentNullException.ThrowIfNull(description);
        RuleFilterDefinition filter;
        if (Get(description, SqlFilterKey) is AmqpMap sqlFilter)
        {
            var expression = Get(sqlFilter, ExpressionKey) as string
                ?? throw new InvalidRuleException(ruleName, $"'{SqlFilterKey}' has no '{ExpressionKey}'");
            filter = expression.Trim() switch
            {
                TrueExpression => new TrueFilterDefinition(),
                FalseExpression => new FalseFilterDefinition(),
                _ => new SqlFilterDefinition(expression),
            };
        }
        else if (Get(description, CorrelationFilterKey) is AmqpMap correlation)
        {
            filter = DecodeCorrelationFilter(correlation);
        }
        else
        {
            throw new InvalidRuleException(ruleName, $"the rule description has neither '{SqlFilterKey}' nor '{CorrelationFilterKey}'");
        }

        string? action = null;
        if (Get(description, SqlRuleActionKey) is AmqpMap sqlAction)
        {
            action = Get(sqlAction, ExpressionKey) as string
                ?? throw new InvalidRuleException(ruleName, $"'{SqlRuleActionKey}' has no '{ExpressionKey}'");
        }

        return new RuleDefinition { Name = ruleName, Filter = filter, ActionSqlExpression = action };
    }

    /// <summary>The described <c>rule-description</c> list of one rule, as enumerate-rules returns it.</summary>
    public static DescribedType EncodeRuleDescription(RuleDefinition rule, DateTime? createdAt = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var fields = new List<object?> { EncodeFilter(rule.Filter), EncodeAction(rule.ActionSqlExpression), rule.Name };
        if (createdAt is { } created)
        {
            fields.Add(DateTime.SpecifyKind(created, DateTimeKind.Utc));
        }

        return new DescribedType(RuleDescriptionCode, fields);
    }

    /// <summary>The body of an <c>enumerate-rules</c> response: <c>rules</c>, an AMQP list of maps.</summary>
    public static AmqpMap EncodeEnumerateRulesResponse(IEnumerable<CompiledRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var entries = new List<object>();
        foreach (var rule in rules)
        {
            entries.Add(new AmqpMap { [new MapKey(RuleDescriptionKey)] = EncodeRuleDescription(rule.Definition, rule.CreatedAt) });
        }

        return new AmqpMap { [new MapKey(RulesKey)] = entries };
    }

    private static DescribedType EncodeFilter(RuleFilterDefinition filter) => filter switch
    {
        TrueFilterDefinition => new DescribedType(TrueFilterCode, new List<object>()),
        FalseFilterDefinition => new DescribedType(FalseFilterCode, new List<object>()),
        SqlFilterDefinition { SqlExpression: var expression } when expression.Trim() == TrueExpression => EncodeFilter(new TrueFilterDefinition()),
        SqlFilterDefinition { SqlExpression: var expression } when expression.Trim() == FalseExpression => EncodeFilter(new FalseFilterDefinition()),
        SqlFilterDefinition sql => new DescribedType(SqlFilterCode, new List<object> { sql.SqlExpression, SqlCompatibilityLevel }),
        CorrelationFilterDefinition correlation => new DescribedType(CorrelationFilterCode, new List<object?>
        {
            correlation.CorrelationId,
            correlation.MessageId,
            correlation.To,
            correlation.ReplyTo,
            correlation.Label,
            correlation.SessionId,
            correlation.ReplyToSessionId,
            correlation.ContentType,
            EncodeProperties(correlation.Properties),
        }),
        _ => throw new ArgumentException($"Filter type {filter.GetType().Name} has no AMQP encoding.", nameof(filter)),
    };

    private static DescribedType EncodeAction(string? expression) => string.IsNullOrWhiteSpace(expression)
        ? new DescribedType(EmptyRuleActionCode, new List<object>())
        : new DescribedType(SqlRuleActionCode, new List<object> { expression, SqlCompatibilityLevel });

    private static AmqpMap EncodeProperties(IReadOnlyDictionary<string, object?> properties)
    {
        var map = new AmqpMap();
        foreach (var (name, value) in properties)
        {
            map[new MapKey(name)] = AmqpPropertyValues.ToAmqp(value);
        }

        return map;
    }

    private static CorrelationFilterDefinition DecodeCorrelationFilter(AmqpMap map)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Get(map, PropertiesKey) is AmqpMap propertyMap)
        {
            foreach (var entry in propertyMap)
            {
                properties[KeyText(entry.Key)] = AmqpPropertyValues.FromAmqp(entry.Value);
            }
        }

        return new CorrelationFilterDefinition
        {
            CorrelationId = GetString(map, "correlation-id"),
            MessageId = GetString(map, "message-id"),
            To = GetString(map, "to"),
            ReplyTo = GetString(map, "reply-to"),
            Label = GetString(map, "label"),
            SessionId = GetString(map, "session-id"),
            ReplyToSessionId = GetString(map, "reply-to-session-id"),
            ContentType = GetString(map, "content-type"),
            Properties = properties,
        };
    }

    private static string? GetString(AmqpMap map, string key) => AmqpPropertyValues.FromAmqp(Get(map, key)) switch
    {
        null => null,
        string text => text,
        var other => Sql.SqlValues.ToInvariantString(other),
    };

    // The SDK keys its maps with AMQP strings; a symbol key is accepted too rather than silently ignored.
    private static object? Get(AmqpMap map, string key)
    {
        foreach (var entry in map)
        {
            if (string.Equals(KeyText(entry.Key), key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string KeyText(MapKey key) => key.Key switch
    {
        AmqpSymbol symbol => symbol.Value,
        var other => other?.ToString() ?? string.Empty,
    };
}
