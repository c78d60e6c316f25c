using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>A parsed rule action: <c>SET</c>/<c>REMOVE</c> statements applied in order, separated by optional ';'.</summary>
public sealed class SqlRuleAction
{
    private readonly IReadOnlyList<SqlActionStatement> _statements;

    private SqlRuleAction(string expression, IReadOnlyList<SqlActionStatement> statements)
    {
        Expression = expression;
        _statements = statements;
    }

    public string Expression { get; }

    /// <exception cref="SqlSyntaxException">The expression does not parse, or sets a read-only system property.</exception>
    public static SqlRuleAction Parse(string expression) => new(expression, SqlParser.ParseAction(expression));

    /// <summary>Changes <paramref name="message"/> in place; give it the subscription's own copy.</summary>
    /// <exception cref="SqlEvaluationException">A statement cannot be evaluated or assigned for this message.</exception>
    public void Apply(IRuleMessage message)
    {
        foreach (var statement in _statements)
        {
            statement.Apply(message);
        }
    }

    public override string ToString() => Expression;
}
