using CloudMessaging.ServiceBusEmulator.Filters.Sql;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

public sealed class SqlFilterSyntaxTests
{
    [Theory]
    [InlineData("color = 'red' AND", 17, "Unexpected end of expression")]
    [InlineData("color = = 'red'", 8, "Unexpected token '='")]
    [InlineData("AND color = 1", 0, "Unexpected token 'AND'")]
    [InlineData("color = 'red' AND AND quantity = 1", 18, "Unexpected token 'AND'")]
    [InlineData("color = 'red", 8, "Unterminated string constant")]
    [InlineData("(color = 'red'", 14, "Expected ')' but found end of expression")]
    [InlineData("color IN 'red'", 9, "Expected '(' but found string 'red'")]
    [InlineData("color IN ()", 10, "Unexpected token ')'")]
    [InlineData("color IN ('a' 'b')", 14, "Expected ')'")]
    [InlineData("sys.Nope = 1", 4, "Unknown system property 'Nope'")]
    [InlineData("foo.bar = 1", 0, "Unknown scope 'foo'")]
    [InlineData("sys. = 1", 5, "Expected a property name after 'sys.'")]
    [InlineData("color LIKE 'a' ESCAPE 'ab'", 22, "single character")]
    [InlineData("color LIKE 'a!' ESCAPE '!'", 11, "ends with its escape character")]
    [InlineData("color LIKE 5", 11, "The LIKE pattern must be a string")]
    [InlineData("color IS 'x'", 9, "Expected NULL")]
    [InlineData("color NOT = 1", 10, "Expected LIKE or IN after NOT")]
    [InlineData("color = 1 color = 2", 10, "Unexpected token 'color'")]
    [InlineData("color = @p", 8, "parameters")]
    [InlineData("color # 1", 6, "Unexpected character '#'")]
    [InlineData("", 0, "Empty filter expression")]
    [InlineData("   ", 0, "Empty filter expression")]
    [InlineData("EXISTS(1)", 7, "Expected a property name")]
    [InlineData("EXISTS(set)", 7, "keyword 'SET'")]
    [InlineData("SET = 1", 0, "Unexpected token 'SET'")]
    [InlineData("1 = 99999999999999999999", 4, "out of the Int64 range")]
    [InlineData("foo(1) = 1", 0, "Unknown function 'foo'")]
    [InlineData("1e = 1", 2, "Exponent without digits")]
    [InlineData("12abc = 1", 2, "after number")]
    [InlineData("[unterminated = 1", 0, "Unterminated delimited identifier")]
    [InlineData("\"unterminated = 1", 0, "Unterminated quoted identifier")]
    [InlineData("[] = 1", 0, "Empty property name")]
    [InlineData("color = 1 AND NOT", 17, "Unexpected end of expression")]
    [InlineData("newid(1) = 1", 6, "Expected ')'")]
    [InlineData("x = -'abc'", 4, "Operator '-' cannot be applied to String abc")]
    [InlineData("x = +TRUE", 4, "Operator '+' cannot be applied")]
    public void Reports_the_problem_and_its_position(string expression, int position, string problem)
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlFilter.Parse(expression));

        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"at position {position}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_reads_like_the_brief()
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlFilter.Parse("color = 'red' AND AND x = 1"));

        Assert.Equal("Unexpected token 'AND' at position 18.", error.Message);
    }

    [Theory]
    [InlineData("Color = 'red' and Quantity > 5 Or NOT Flag")]
    [InlineData("sys.label like '%bus%'")]
    [InlineData("sys.To NOT IN ('Store1','Store2') OR StoreId NOT IN ('Store1','Store2')")]
    [InlineData("\"http://schemas.microsoft.com/xrm/2011/Claims/EntityLogicalName\" = 'account'")]
    [InlineData("MessageProperty > 2.08")]
    [InlineData("user.SuperHero like 'SuperMan%'")]
    [InlineData("sys.correlationid like 'abc-%'")]
    public void Parses_the_reference_examples(string expression) => Assert.NotNull(SqlFilter.Parse(expression));
}
