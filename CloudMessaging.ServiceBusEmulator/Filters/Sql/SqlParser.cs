using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>
/// Recursive-descent parser for the Service Bus SQL filter and action grammar. Precedence, loosest first:
/// OR; AND; NOT; comparison, [NOT] LIKE, [NOT] IN, IS [NOT] NULL; + -; * / %; unary + -.
/// Errors carry the 0-based character offset of the offending token.
/// </summary>
internal sealed partial class SqlParser
{
    private readonly List<SqlToken> _tokens;
    private int _index;

    private SqlParser(string text) => _tokens = SqlLexer.Tokenize(text);

    private SqlToken Current => _tokens[_index];

    public static SqlNode ParseFilter(string text)
    {
        var parser = new SqlParser(text);
        if (parser.Current.Kind == SqlTokenKind.End)
        {
            throw new SqlSyntaxException("Empty filter expression", 0);
        }

        var root = parser.ParseOr();
        parser.ExpectEnd();
        return root;
    }

    private SqlNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("OR"))
        {
            _index++;
            left = new OrNode(left, ParseAnd());
        }

        return left;
    }

    private SqlNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsKeyword("AND"))
        {
            _index++;
            left = new AndNode(left, ParseNot());
        }

        return left;
    }

    private SqlNode ParseNot()
    {
        if (Current.IsKeyword("NOT"))
        {
            _index++;
            return new NotNode(ParseNot());
        }

        return ParsePredicate();
    }

    private SqlNode ParsePredicate()
    {
        var left = ParseAdditive();
        var token = Current;
        if (token.Kind == SqlTokenKind.Operator && token.Text is "=" or "<>" or "!=" or ">" or ">=" or "<" or "<=")
        {
            _index++;
            return new ComparisonNode(token.Text, left, ParseAdditive());
        }

        if (token.IsKeyword("IS"))
        {
            _index++;
            var negated = TryKeyword("NOT");
            ExpectKeyword("NULL");
            return new IsNullNode(left, negated);
        }

        var not = TryKeyword("NOT");
        if (Current.IsKeyword("LIKE"))
        {
            _index++;
            return ParseLikeTail(left, not);
        }

        if (Current.IsKeyword("IN"))
        {
            _index++;
            return ParseInTail(left, not);
        }

        if (not)
        {
            throw new SqlSyntaxException($"Expected LIKE or IN after NOT but found {Current.Display}", Current.Position);
        }

        return left;
    }

    private SqlNode ParseLikeTail(SqlNode operand, bool negated)
    {
        var patternPosition = Current.Position;
        var pattern = ParseAdditive();
        SqlNode? escape = null;
        var escapePosition = Current.Position;
        if (TryKeyword("ESCAPE"))
        {
            escapePosition = Current.Position;
            escape = ParseAdditive();
        }

        SqlLikePattern? compiled = null;
        if (pattern is ConstantNode { Value: var patternValue } && (escape is null or ConstantNode))
        {
            if (patternValue is not string patternText)
            {
                throw new SqlSyntaxException("The LIKE pattern must be a string", patternPosition);
            }

            var escapeValue = (escape as ConstantNode)?.Value;
            if (escape is not null && escapeValue is not string { Length: 1 })
            {
                throw new SqlSyntaxException("The LIKE escape must be a single character", escapePosition);
            }

            compiled = SqlLikePattern.TryCreate(patternText, (string?)escapeValue, out var problem)
                ?? throw new SqlSyntaxException(problem!, patternPosition);
        }

        return new LikeNode(operand, pattern, escape, compiled, negated);
    }

    private SqlNode ParseInTail(SqlNode operand, bool negated)
    {
        Expect("(");
        var items = new List<SqlNode> { ParseAdditive() };
        while (Current.IsOperator(","))
        {
            _index++;
            items.Add(ParseAdditive());
        }

        Expect(")");
        return new InNode(operand, items, negated);
    }

    private SqlNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var op = Current.Text[0];
            _index++;
            left = new ArithmeticNode(op, left, ParseMultiplicative());
        }

        return left;
    }

    private SqlNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.IsOperator("*") || Current.IsOperator("/") || Current.IsOperator("%"))
        {
            var op = Current.Text[0];
            _index++;
            left = new ArithmeticNode(op, left, ParseUnary());
        }

        return left;
    }

    private SqlNode ParseUnary()
    {
        var token = Current;
        if (!token.IsOperator("-") && !token.IsOperator("+"))
        {
            return ParsePrimary();
        }

        _index++;
        var operand = ParseUnary();
        var negate = token.Text == "-";
        if (operand is not ConstantNode constant)
        {
            return negate ? new NegateNode(operand) : new UnaryPlusNode(operand);
        }

        // A signed literal is a constant: evaluated once, and checked here rather than per message.
        try
        {
            return new ConstantNode(negate ? SqlValues.Negate(constant.Value) : SqlValues.Plus(constant.Value));
        }
        catch (SqlEvaluationException error)
        {
            throw new SqlSyntaxException(error.Message.TrimEnd('.'), token.Position);
        }
    }

    private SqlNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case SqlTokenKind.Integer or SqlTokenKind.Number or SqlTokenKind.String:
                _index++;
                return new ConstantNode(token.Value);

            case SqlTokenKind.Keyword when token.Text is "TRUE" or "FALSE":
                _index++;
                return new ConstantNode(token.Text == "TRUE");

            case SqlTokenKind.Keyword when token.Text == "NULL":
                _index++;
                return new ConstantNode(null);

            case SqlTokenKind.Keyword when token.Text == "EXISTS":
                _index++;
                Expect("(");
                var property = ParseProperty();
                Expect(")");
                return new ExistsNode(property);

            case SqlTokenKind.Operator when token.Text == "(":
                _index++;
                var inner = ParseOr();
                Expect(")");
                return inner;

            case SqlTokenKind.Identifier when _tokens[_index + 1].IsOperator("("):
                return ParseFunction();

            case SqlTokenKind.Identifier or SqlTokenKind.DelimitedIdentifier:
                return new PropertyNode(ParseProperty());

            default:
                throw Unexpected(token);
        }
    }

    private SqlNode ParseFunction()
    {
        var name = Current;
        _index += 2;
        if (name.Text.Equals("newid", StringComparison.OrdinalIgnoreCase))
        {
            Expect(")");
            return new NewIdNode();
        }

        if (name.Text.Equals("property", StringComparison.OrdinalIgnoreCase) || name.Text.Equals("p", StringComparison.OrdinalIgnoreCase))
        {
            var argument = ParseAdditive();
            Expect(")");
            return new PropertyFunctionNode(argument);
        }

        throw new SqlSyntaxException($"Unknown function '{name.Text}'", name.Position);
    }

    private PropertyReference ParseProperty()
    {
        var first = Current;
        if (first.Kind is not (SqlTokenKind.Identifier or SqlTokenKind.DelimitedIdentifier))
        {
            throw first.Kind == SqlTokenKind.Keyword
                ? new SqlSyntaxException($"Expected a property name but found keyword '{first.Text}' (delimit it as [{first.Text}])", first.Position)
                : new SqlSyntaxException($"Expected a property name but found {first.Display}", first.Position);
        }

        _index++;
        if (!Current.IsOperator("."))
        {
            return UserProperty(first);
        }

        if (first.Kind != SqlTokenKind.Identifier
            || !(first.Text.Equals("sys", StringComparison.OrdinalIgnoreCase) || first.Text.Equals("user", StringComparison.OrdinalIgnoreCase)))
        {
            throw new SqlSyntaxException($"Unknown scope '{first.Text}'; expected 'sys' or 'user'", first.Position);
        }

        _index++;
        var name = Current;
        if (name.Kind is not (SqlTokenKind.Identifier or SqlTokenKind.DelimitedIdentifier))
        {
            throw new SqlSyntaxException($"Expected a property name after '{first.Text}.' but found {name.Display}", name.Position);
        }

        _index++;
        if (first.Text.Equals("user", StringComparison.OrdinalIgnoreCase))
        {
            return UserProperty(name);
        }

        // The service rejects a filter naming a system property that does not exist.
        return SystemPropertyCatalog.TryParse(name.Text, out var property)
            ? new PropertyReference(property.ToString(), property)
            : throw new SqlSyntaxException($"Unknown system property '{name.Text}'", name.Position);
    }

    private static PropertyReference UserProperty(SqlToken token) => token.Text.Length == 0
        ? throw new SqlSyntaxException("Empty property name", token.Position)
        : new PropertyReference(token.Text, null);

    private bool TryKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        _index++;
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!TryKeyword(keyword))
        {
            throw new SqlSyntaxException($"Expected {keyword} but found {Current.Display}", Current.Position);
        }
    }

    private void Expect(string op)
    {
        if (!Current.IsOperator(op))
        {
            throw new SqlSyntaxException($"Expected '{op}' but found {Current.Display}", Current.Position);
        }

        _index++;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != SqlTokenKind.End)
        {
            throw Unexpected(Current);
        }
    }

    private static SqlSyntaxException Unexpected(SqlToken token) => token.Kind == SqlTokenKind.End
        ? new SqlSyntaxException("Unexpected end of expression", token.Position)
        : new SqlSyntaxException($"Unexpected {token.Display}", token.Position);
}
