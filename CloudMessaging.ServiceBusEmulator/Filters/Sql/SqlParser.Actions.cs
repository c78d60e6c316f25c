using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>Rule actions: <c>SET</c> and <c>REMOVE</c> statements separated by semicolons, over the same expressions as filters.</summary>
internal sealed partial class SqlParser
{
    public static IReadOnlyList<SqlActionStatement> ParseAction(string text)
    {
        var parser = new SqlParser(text);
        var statements = new List<SqlActionStatement>();
        do
        {
            statements.Add(parser.ParseStatement());
            while (parser.Current.IsOperator(";"))
            {
                parser._index++;
            }
        }
        while (parser.Current.Kind != SqlTokenKind.End);

        return statements;
    }

    private SqlActionStatement ParseStatement()
    {
        var token = Current;
        if (token.IsKeyword("SET"))
        {
            _index++;
            var targetToken = Current;
            var target = ParseProperty();
            if (target.System is { } property && !SystemPropertyCatalog.IsWritable(property))
            {
                throw new SqlSyntaxException($"System property '{property}' cannot be set", targetToken.Position);
            }

            Expect("=");
            return new SetStatement(target, ParseOr());
        }

        if (token.IsKeyword("REMOVE"))
        {
            _index++;
            var targetToken = Current;
            var target = ParseProperty();
            if (target.System is not null)
            {
                throw new SqlSyntaxException($"System property '{target.System}' cannot be removed", targetToken.Position);
            }

            return new RemoveStatement(target);
        }

        throw token.Kind == SqlTokenKind.End
            ? new SqlSyntaxException("Expected SET or REMOVE but found end of expression", token.Position)
            : new SqlSyntaxException($"Expected SET or REMOVE but found {token.Display}", token.Position);
    }
}
