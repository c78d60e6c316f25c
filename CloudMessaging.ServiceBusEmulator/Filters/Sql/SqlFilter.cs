using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>A parsed SQL filter; parse once, evaluate per message from any thread.</summary>
public sealed class SqlFilter : IRuleFilter
{
    private readonly SqlNode _root;

    private SqlFilter(string expression, SqlNode root)
    {
        Expression = expression;
        _root = root;
    }

    public string Expression { get; }

    /// <exception cref="SqlSyntaxException">The expression does not parse.</exception>
    public static SqlFilter Parse(string expression) => new(expression, SqlParser.ParseFilter(expression));

    /// <summary>True only when the expression is true: unknown (a missing property) does not match.</summary>
    /// <exception cref="SqlEvaluationException">The expression cannot be evaluated for this message.</exception>
    public bool Matches(IRuleMessage message) => _root.Evaluate(message) is true;

    /// <summary>The raw result (true, false, null for unknown, or a value): for tests and diagnostics.</summary>
    internal object? Evaluate(IRuleMessage message) => _root.Evaluate(message);

    public override string ToString() => Expression;
}
