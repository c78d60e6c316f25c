using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Correlation;
using CloudMessaging.ServiceBusEmulator.Filters.Sql;

namespace CloudMessaging.ServiceBusEmulator.Filters.Rules;

/// <summary>A subscription rule ready to evaluate: its definition (kept for enumerate-rules), filter and action.</summary>
public sealed class CompiledRule
{
    /// <summary>The rule every subscription starts with.</summary>
    public const string DefaultRuleName = "$Default";

    private CompiledRule(RuleDefinition definition, IRuleFilter filter, SqlRuleAction? action, DateTime createdAt)
    {
        Definition = definition;
        Filter = filter;
        Action = action;
        CreatedAt = createdAt;
    }

    public string Name => Definition.Name;

    public RuleDefinition Definition { get; }

    public IRuleFilter Filter { get; }

    /// <summary>Null when the rule has no action.</summary>
    public SqlRuleAction? Action { get; }

    public DateTime CreatedAt { get; }

    public static RuleDefinition DefaultRuleDefinition { get; } = new() { Name = DefaultRuleName, Filter = new TrueFilterDefinition() };

    /// <exception cref="InvalidRuleException">The name is empty, or the filter or action does not parse.</exception>
    public static CompiledRule Compile(RuleDefinition definition, DateTime? createdAt = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            throw new InvalidRuleException(definition.Name ?? string.Empty, "the rule name is empty");
        }

        IRuleFilter filter;
        try
        {
            filter = definition.Filter switch
            {
                TrueFilterDefinition => ConstantFilter.True,
                FalseFilterDefinition => ConstantFilter.False,
                // What TrueRuleFilter / FalseRuleFilter send; no need to evaluate them per message.
                SqlFilterDefinition { SqlExpression: "1=1" } => ConstantFilter.True,
                SqlFilterDefinition { SqlExpression: "1=0" } => ConstantFilter.False,
                SqlFilterDefinition sql => SqlFilter.Parse(sql.SqlExpression ?? string.Empty),
                CorrelationFilterDefinition correlation => new CorrelationFilter(correlation),
                null => throw new InvalidRuleException(definition.Name, "it has no filter"),
                _ => throw new InvalidRuleException(definition.Name, $"filter type {definition.Filter.GetType().Name} is not supported"),
            };
        }
        catch (SqlSyntaxException error)
        {
            throw new InvalidRuleException(definition.Name, "filter", error);
        }

        SqlRuleAction? action = null;
        if (!string.IsNullOrWhiteSpace(definition.ActionSqlExpression))
        {
            try
            {
                action = SqlRuleAction.Parse(definition.ActionSqlExpression);
            }
            catch (SqlSyntaxException error)
            {
                throw new InvalidRuleException(definition.Name, "action", error);
            }
        }

        return new CompiledRule(definition, filter, action, createdAt ?? DateTime.UtcNow);
    }

    public override string ToString() => Name;
}
