using System.Text.Json;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// Reads a subscription rule: <c>{ "Name", "Properties": { "FilterType", "CorrelationFilter" | "SqlFilter", "Action" } }</c>.
/// SQL text is kept as written, and compiled once here so that a filter or action that does not parse stops start-up
/// naming the rule and the position of the error.
/// </summary>
internal static class RuleReader
{
    private static readonly string[] RuleNames = ["Name", "Properties"];
    private static readonly string[] RulePropertyNames = ["FilterType", "CorrelationFilter", "SqlFilter", "Action"];
    private static readonly string[] SqlExpressionNames = ["SqlExpression"];

    private static readonly string[] CorrelationFieldNames =
        ["ContentType", "CorrelationId", "Label", "MessageId", "ReplyTo", "ReplyToSessionId", "SessionId", "To"];

    private static readonly string[] CorrelationFilterNames = [.. CorrelationFieldNames, "Properties"];

    public static RuleDefinition? Read(JsonElement element, string path, ConfigDiagnostics diagnostics)
    {
        var rule = ConfigObject.Read(element, path, diagnostics, RuleNames);
        if (rule is null)
        {
            return null;
        }

        var name = rule.GetRequiredString("Name");
        if (name is not null && EntityNameRules.CheckSubscriptionOrRuleName(name) is { } nameProblem)
        {
            diagnostics.Error(rule.PathOf("Name"), $"invalid rule name: {nameProblem}");
        }

        var properties = rule.GetRequiredObject("Properties", RulePropertyNames, "missing Properties; a rule needs a FilterType and its filter");
        if (properties is null)
        {
            return null;
        }

        var filter = ReadFilter(properties, diagnostics);
        var action = properties.GetObject("Action", SqlExpressionNames)?.GetString("SqlExpression");
        if (filter is null)
        {
            return null;
        }

        var definition = new RuleDefinition
        {
            Name = name ?? string.Empty,
            Filter = filter,
            ActionSqlExpression = string.IsNullOrWhiteSpace(action) ? null : action,
        };

        // A filter or action that does not parse stops start-up here, with the rule's path and the error's position.
        try
        {
            CompiledRule.Compile(definition);
        }
        catch (InvalidRuleException ex)
        {
            // A missing name is already reported where it belongs.
            if (name is not null)
            {
                diagnostics.Error(properties.Path, ex.Message);
            }

            return null;
        }

        return definition;
    }

    private static RuleFilterDefinition? ReadFilter(ConfigObject properties, ConfigDiagnostics diagnostics)
    {
        var filterType = properties.GetRequiredString("FilterType");
        if (filterType is null)
        {
            return null;
        }

        if (filterType.Equals("Correlation", StringComparison.OrdinalIgnoreCase))
        {
            WarnIgnored(properties, "SqlFilter", filterType, diagnostics);
            return ReadCorrelationFilter(properties, diagnostics);
        }

        if (filterType.Equals("Sql", StringComparison.OrdinalIgnoreCase))
        {
            WarnIgnored(properties, "CorrelationFilter", filterType, diagnostics);
            return ReadSqlFilter(properties, diagnostics);
        }

        diagnostics.Error(properties.PathOf("FilterType"), $"FilterType must be \"Correlation\" or \"Sql\", found \"{filterType}\"");
        return null;
    }

    private static SqlFilterDefinition? ReadSqlFilter(ConfigObject properties, ConfigDiagnostics diagnostics)
    {
        var sqlFilter = properties.GetRequiredObject("SqlFilter", SqlExpressionNames, "missing SqlFilter; FilterType \"Sql\" needs { \"SqlExpression\": \"...\" }");
        var expression = sqlFilter?.GetString("SqlExpression");
        if (sqlFilter is not null && string.IsNullOrWhiteSpace(expression))
        {
            diagnostics.Error(sqlFilter.PathOf("SqlExpression"), "missing SqlExpression; a SQL filter needs an expression such as \"1=1\"");
            return null;
        }

        return expression is null ? null : new SqlFilterDefinition(expression);
    }

    private static CorrelationFilterDefinition? ReadCorrelationFilter(ConfigObject properties, ConfigDiagnostics diagnostics)
    {
        var filter = properties.GetRequiredObject(
            "CorrelationFilter", CorrelationFilterNames, "missing CorrelationFilter; FilterType \"Correlation\" needs at least one field to match");
        if (filter is null)
        {
            return null;
        }

        var applicationProperties = ReadApplicationProperties(filter, diagnostics);
        var definition = new CorrelationFilterDefinition
        {
            ContentType = filter.GetString("ContentType"),
            CorrelationId = filter.GetString("CorrelationId"),
            Label = filter.GetString("Label"),
            MessageId = filter.GetString("MessageId"),
            ReplyTo = filter.GetString("ReplyTo"),
            ReplyToSessionId = filter.GetString("ReplyToSessionId"),
            SessionId = filter.GetString("SessionId"),
            To = filter.GetString("To"),
            Properties = applicationProperties,
        };

        if (applicationProperties.Count == 0 && !CorrelationFieldNames.Any(filter.Has))
        {
            diagnostics.Error(filter.Path, "a correlation filter needs at least one field or application property to match");
            return null;
        }

        return definition;
    }

    /// <summary>Application property name → value, keeping the JSON type: string, long (integral), double, bool or null.</summary>
    private static Dictionary<string, object?> ReadApplicationProperties(ConfigObject filter, ConfigDiagnostics diagnostics)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!filter.TryGet("Properties", out var element))
        {
            return result;
        }

        var path = filter.PathOf("Properties");
        if (element.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, $"expected an object of application property names and values, found {ConfigObject.Describe(element)}");
            return result;
        }

        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = ConfigJsonPath.Property(path, property.Name);
            if (!TryReadScalar(property.Value, out var value))
            {
                diagnostics.Error(propertyPath, $"an application property value must be a string, number, true, false or null, found {ConfigObject.Describe(property.Value)}");
                continue;
            }

            if (!result.TryAdd(property.Name, value))
            {
                diagnostics.Error(propertyPath, $"application property '{property.Name}' is given more than once");
            }
        }

        return result;
    }

    private static bool TryReadScalar(JsonElement element, out object? value)
    {
        value = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        return element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined);
    }

    private static void WarnIgnored(ConfigObject properties, string name, string filterType, ConfigDiagnostics diagnostics)
    {
        if (properties.Has(name))
        {
            diagnostics.Warn(properties.PathOf(name), $"{name} is ignored because FilterType is \"{filterType}\"");
        }
    }
}
