using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>
/// A node of a parsed expression. Every node yields a value; predicates yield true, false or null (unknown),
/// and a filter matches only when its root yields true.
/// </summary>
internal abstract class SqlNode
{
    public abstract object? Evaluate(IRuleMessage message);
}

internal sealed class ConstantNode(object? value) : SqlNode
{
    public object? Value { get; } = value;

    public override object? Evaluate(IRuleMessage message) => Value;
}

internal sealed class PropertyNode(PropertyReference property) : SqlNode
{
    public override object? Evaluate(IRuleMessage message) => property.Read(message);
}

internal sealed class NewIdNode : SqlNode
{
    public override object? Evaluate(IRuleMessage message) => Guid.NewGuid();
}

/// <summary><c>property(name)</c> / <c>p(name)</c>: the name is computed, so it resolves per message.</summary>
internal sealed class PropertyFunctionNode(SqlNode name) : SqlNode
{
    public override object? Evaluate(IRuleMessage message)
    {
        switch (name.Evaluate(message))
        {
            case null:
                return null;
            case string text:
                return Resolve(text).Read(message);
            case var other:
                throw new SqlEvaluationException($"property() needs a string name but got {SqlValues.Describe(other)}.");
        }
    }

    private static PropertyReference Resolve(string text)
    {
        if (text.StartsWith("sys.", StringComparison.OrdinalIgnoreCase))
        {
            return SystemPropertyCatalog.TryParse(text[4..], out var property)
                ? new PropertyReference(property.ToString(), property)
                : throw new SqlEvaluationException($"Unknown system property '{text[4..]}' in property().");
        }

        return new PropertyReference(text.StartsWith("user.", StringComparison.OrdinalIgnoreCase) ? text[5..] : text, null);
    }
}

internal sealed class NegateNode(SqlNode operand) : SqlNode
{
    public override object? Evaluate(IRuleMessage message) => SqlValues.Negate(operand.Evaluate(message));
}

internal sealed class UnaryPlusNode(SqlNode operand) : SqlNode
{
    public override object? Evaluate(IRuleMessage message) => SqlValues.Plus(operand.Evaluate(message));
}

internal sealed class ArithmeticNode(char op, SqlNode left, SqlNode right) : SqlNode
{
    public override object? Evaluate(IRuleMessage message) =>
        SqlValues.Arithmetic(op, left.Evaluate(message), right.Evaluate(message));
}

internal sealed class ComparisonNode(string op, SqlNode left, SqlNode right) : SqlNode
{
    public override object? Evaluate(IRuleMessage message)
    {
        var a = left.Evaluate(message);
        var b = right.Evaluate(message);
        if (op is "=" or "<>" or "!=")
        {
            var equal = SqlValues.AreEqual(a, b);
            return op == "=" ? equal : !equal;
        }

        return SqlValues.Compare(a, b) is not { } order
            ? null
            : op switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
    }
}

internal sealed class NotNode(SqlNode operand) : SqlNode
{
    public override object? Evaluate(IRuleMessage message) => !SqlValues.ToLogical(operand.Evaluate(message), "NOT");
}

/// <summary>Three-valued AND: false wins over unknown.</summary>
internal sealed class AndNode(SqlNode left, SqlNode right) : SqlNode
{
    public override object? Evaluate(IRuleMessage message)
    {
        var a = SqlValues.ToLogical(left.Evaluate(message), "AND");
        if (a == false)
        {
            return false;
        }

        var b = SqlValues.ToLogical(right.Evaluate(message), "AND");
        return b == false ? false : a == true && b == true ? true : null;
    }
}

/// <summary>Three-valued OR: true wins over unknown.</summary>
internal sealed class OrNode(SqlNode left, SqlNode right) : SqlNode
{
    public override object? Evaluate(IRuleMessage message)
    {
        var a = SqlValues.ToLogical(left.Evaluate(message), "OR");
        if (a == true)
        {
            return true;
        }

        var b = SqlValues.ToLogical(right.Evaluate(message), "OR");
        return b == true ? true : a == false && b == false ? false : null;
    }
}

/// <summary>Never unknown: a missing property and a NULL value are both null.</summary>
internal sealed class IsNullNode(SqlNode operand, bool negated) : SqlNode
{
    public override object? Evaluate(IRuleMessage message) => (operand.Evaluate(message) is null) != negated;
}

internal sealed class ExistsNode(PropertyReference property) : SqlNode
{
    public override object? Evaluate(IRuleMessage message) => property.Exists(message);
}

/// <summary>Unknown when the left operand is; otherwise true when any list item equals it.</summary>
internal sealed class InNode(SqlNode operand, IReadOnlyList<SqlNode> items, bool negated) : SqlNode
{
    public override object? Evaluate(IRuleMessage message)
    {
        var value = operand.Evaluate(message);
        if (value is null)
        {
            return null;
        }

        foreach (var item in items)
        {
            if (SqlValues.AreEqual(value, item.Evaluate(message)) == true)
            {
                return !negated;
            }
        }

        return negated;
    }
}

/// <summary>LIKE; a constant pattern is compiled once by the parser, a computed one per message.</summary>
internal sealed class LikeNode(SqlNode operand, SqlNode pattern, SqlNode? escape, SqlLikePattern? compiled, bool negated) : SqlNode
{
    public override object? Evaluate(IRuleMessage message)
    {
        var value = operand.Evaluate(message);
        var matcher = compiled;
        if (matcher is null)
        {
            var patternValue = pattern.Evaluate(message);
            var escapeValue = escape?.Evaluate(message);
            if (patternValue is null || (escape is not null && escapeValue is null))
            {
                return null;
            }

            if (patternValue is not string patternText || (escapeValue is not null and not string and not char))
            {
                throw new SqlEvaluationException("LIKE needs a string pattern and a string escape character.");
            }

            matcher = SqlLikePattern.TryCreate(patternText, escapeValue is null ? null : SqlValues.ToInvariantString(escapeValue), out var problem)
                ?? throw new SqlEvaluationException(problem + ".");
        }

        return value switch
        {
            null => null,
            string text => matcher.IsMatch(text) != negated,
            char c => matcher.IsMatch(c.ToString()) != negated,
            _ => null,
        };
    }
}
