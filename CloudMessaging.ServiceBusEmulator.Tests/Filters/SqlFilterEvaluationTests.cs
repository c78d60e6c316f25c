using CloudMessaging.ServiceBusEmulator.Filters.Sql;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

public sealed class SqlFilterEvaluationTests
{
    private const bool T = true;
    private const bool F = false;

    /// <summary>Expression, and its three-valued result against <see cref="TestMessages.Standard"/> (null = unknown).</summary>
    public static TheoryData<string, bool?> Cases => new()
    {
        // Comparisons, strings (ordinal, case-sensitive) and mixed numeric types.
        { "color = 'red'", T },
        { "color = 'Red'", F },
        { "color <> 'blue'", T },
        { "color != 'red'", F },
        { "quantity = 10", T },
        { "quantity > 9", T },
        { "quantity >= 10", T },
        { "quantity < 10", F },
        { "quantity <= 10.0", T },
        { "price = 2.5", T },
        { "price > 2", T },
        { "amount = 12.5", T },
        { "amount > quantity", T },
        { "big > 4000000000", T },
        { "u8 = 7", T },
        { "ul > 0", T },
        { "ul = -1", F },
        { "flag = TRUE", T },
        { "flag = true", T },
        { "flag <> FALSE", T },
        { "name = 'O''Brien'", T },
        { "'abc' < 'abd'", T },
        { "'B' < 'a'", T },
        { "ch = 'x'", T },
        { "text5 = 5", null },
        { "color > 5", null },
        { "id = id", T },

        // System properties: names and scope are case-insensitive; Subject is Label.
        { "sys.Label = 'orders.created'", T },
        { "sys.subject = 'orders.created'", T },
        { "sys.MessageId = 'msg-1'", T },
        { "SYS.messageid = 'msg-1'", T },
        { "sys.CorrelationId = 'corr-1'", T },
        { "sys.ContentType = 'application/json'", T },
        { "sys.ReplyTo = 'replies'", T },
        { "sys.SessionId = 's1'", T },
        { "sys.To IN ('store-4', 'store-5')", T },
        { "sys.ReplyToSessionId IS NULL", T },
        { "sys.SequenceNumber = 42", T },
        { "sys.DeliveryCount = 1", T },
        { "sys.Size > 1000", T },
        { "sys.EnqueuedTimeUtc IS NOT NULL", T },
        { "sys.ReplyToSessionId = 'x'", null },
        { "sys.EnqueuedTimeUtc < when", T },
        { "sys.TimeToLive > span", T },

        // Missing properties and NULL are unknown; IS NULL and EXISTS are never unknown.
        { "missing = 1", null },
        { "missing <> 1", null },
        { "NOT (missing = 1)", null },
        { "missing IS NULL", T },
        { "missing IS NOT NULL", F },
        { "nothing IS NULL", T },
        { "EXISTS(nothing)", T },
        { "EXISTS(missing)", F },
        { "EXISTS(Color)", T },
        { "exists (user.color)", T },
        { "EXISTS(sys.ReplyToSessionId)", F },
        { "EXISTS(sys.MessageId)", T },
        { "color = NULL", null },
        { "NULL IS NULL", T },

        // Three-valued AND / OR.
        { "missing = 1 AND color = 'red'", null },
        { "missing = 1 AND color = 'blue'", F },
        { "missing = 1 OR color = 'red'", T },
        { "missing = 1 OR color = 'blue'", null },
        { "NOT missing = 1 OR quantity = 10", T },

        // Precedence and associativity.
        { "color = 'blue' AND quantity = 10 OR flag = TRUE", T },
        { "color = 'blue' AND (quantity = 10 OR flag = TRUE)", F },
        { "color = 'red' OR quantity = 1 AND flag = FALSE", T },
        { "NOT color = 'blue' AND quantity = 10", T },
        { "NOT (color = 'red' AND quantity = 10)", F },
        { "not not color = 'red'", T },
        { "1 + 2 * 3 = 7", T },
        { "(1 + 2) * 3 = 9", T },
        { "10 - 4 - 3 = 3", T },
        { "12 / 2 / 3 = 2", T },
        { "-2 * -3 = 6", T },
        { "- quantity = -10", T },
        { "+quantity = 10", T },
        { "2 * 3 % 4 = 2", T },
        { "1 + 2 = 3 AND 2 * 2 = 4", T },

        // Arithmetic on mixed numeric types (Int64 constants, Double decimals).
        { "quantity / 4 = 2", T },
        { "quantity / 4.0 = 2.5", T },
        { "quantity % 3 = 1", T },
        { "price * 2 = 5", T },
        { "amount + 0.5 = 13", T },
        { "amount * 2 = 25", T },
        { "big * 2 = 10000000000", T },
        { "0.1 + 0.2 = 0.3", F },
        { "1.5E1 = 15", T },
        { "0.5E-2 = 0.005", T },
        { "101.5e5 = 10150000", T },
        { ".5 = 0.5", T },
        { "price / 0 > 1000000", T },
        { "missing + 1 IS NULL", T },
        { "missing * 0 = 0", null },
        { "-missing IS NULL", T },
        { "sys.SequenceNumber + 1 = 43", T },
        { "'a' + 'b' = 'ab'", T },
        { "name + '!' = 'O''Brien!'", T },
        { "span - span < span", T },
        { "when - span > sys.EnqueuedTimeUtc", T },

        // LIKE: %, _, ESCAPE; ordinal and case-sensitive; unknown for missing or non-string operands.
        { "color LIKE 'r%'", T },
        { "color LIKE 'R%'", F },
        { "color LIKE '_ed'", T },
        { "color LIKE '__'", F },
        { "color LIKE '%e%'", T },
        { "color NOT LIKE 'b%'", T },
        { "color not like 'r%'", F },
        { @"pct LIKE '50\%' ESCAPE '\'", T },
        { @"'5000' LIKE '50\%' ESCAPE '\'", F },
        { "pct LIKE '50!%' ESCAPE '!'", T },
        { "'a_c' LIKE 'a!_c' ESCAPE '!'", T },
        { "'abc' LIKE 'a!_c' ESCAPE '!'", F },
        { "'a!c' LIKE 'a!!c' ESCAPE '!'", T },
        { "missing LIKE '%'", null },
        { "missing NOT LIKE '%'", null },
        { "quantity LIKE '1%'", null },
        { "sys.Label LIKE '%.created'", T },
        { "'' LIKE '%'", T },
        { "'abc' LIKE 'a%c%'", T },
        { "'abcbc' LIKE '%bc'", T },
        { "'abcbd' LIKE '%bc'", F },
        { "'ab' LIKE 'a%%b'", T },
        { "color LIKE 'r' + '%'", T },

        // IN / NOT IN.
        { "color IN ('blue', 'red')", T },
        { "color IN ('blue', 'green')", F },
        { "color NOT IN ('blue', 'green')", T },
        { "color not in ('red')", F },
        { "quantity IN (1, 10.0, 'x')", T },
        { "missing IN (1, 2)", null },
        { "missing NOT IN (1, 2)", null },
        { "color IN ('RED')", F },
        { "quantity + 1 IN (11)", T },

        // Identifiers: delimited, quoted, user scope, case-insensitive names with exact match first.
        { "[Property With Space] = 1", T },
        { "\"Property With Space\" = 1", T },
        { "[a]]b] = 'bracket'", T },
        { "user.color = 'red'", T },
        { "USER.[color] = 'red'", T },
        { "COLOR = 'red'", T },
        { "key = 'exact-lower'", T },
        { "Key = 'exact-upper'", T },
        { "[user] IS NULL", T },

        // Functions.
        { "property('color') = 'red'", T },
        { "p('sys.MessageId') = 'msg-1'", T },
        { "P('user.quantity') = 10", T },
        { "property('miss' + 'ing') IS NULL", T },
        { "newid() IS NOT NULL", T },
        { "newid() <> newid()", T },

        // Boolean constants and properties as predicates.
        { "TRUE", T },
        { "FALSE OR TRUE", T },
        { "flag", T },
        { "NOT flag", F },
        { "1 = 1", T },
        { "1 = 0", F },
        { "1=1", T },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluates_like_the_service(string expression, bool? expected)
    {
        var filter = SqlFilter.Parse(expression);
        var message = TestMessages.Standard();

        Assert.Equal(expected, (bool?)filter.Evaluate(message));
        Assert.Equal(expected == true, filter.Matches(message));
    }

    [Fact]
    public void The_table_has_at_least_eighty_cases() => Assert.True(Cases.Count >= 80);

    [Theory]
    [InlineData("color * 2 = 1", "cannot be applied")]
    [InlineData("quantity / 0 = 1", "Division by zero")]
    [InlineData("amount % 0 = 1", "Division by zero")]
    [InlineData("5 AND flag", "boolean operand")]
    [InlineData("NOT color", "boolean operand")]
    [InlineData("p('sys.Nope') = 1", "Unknown system property 'Nope'")]
    [InlineData("p(5) = 1", "string name")]
    [InlineData("color LIKE 'x' ESCAPE p('pct')", "single character")]
    public void Fails_to_evaluate_with_a_reason(string expression, string reason)
    {
        var filter = SqlFilter.Parse(expression);

        var error = Assert.Throws<SqlEvaluationException>(() => filter.Matches(TestMessages.Standard()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluation_is_safe_from_many_threads()
    {
        var filter = SqlFilter.Parse("color = 'red' AND quantity * 2 = 20 AND sys.Label LIKE 'orders.%'");
        var message = TestMessages.Standard();

        var results = new bool[1000];
        Parallel.For(0, results.Length, i => results[i] = filter.Matches(message));

        Assert.All(results, Assert.True);
    }
}
