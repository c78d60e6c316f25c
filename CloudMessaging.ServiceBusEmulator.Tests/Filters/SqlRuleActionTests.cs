using CloudMessaging.ServiceBusEmulator.Filters.Messages;
using CloudMessaging.ServiceBusEmulator.Filters.Sql;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

public sealed class SqlRuleActionTests
{
    [Fact]
    public void Set_keeps_the_numeric_type_of_an_existing_property_when_the_value_fits()
    {
        var message = TestMessages.Standard();

        SqlRuleAction.Parse("SET quantity = quantity / 2").Apply(message);

        Assert.Equal(5, Assert.IsType<int>(message.ApplicationProperties["quantity"]));
    }

    [Fact]
    public void Set_keeps_the_computed_type_when_the_value_does_not_fit_the_existing_one()
    {
        var message = TestMessages.Standard();

        SqlRuleAction.Parse("SET quantity = quantity * 1000000000000; SET price = 3").Apply(message);

        Assert.Equal(10_000_000_000_000L, Assert.IsType<long>(message.ApplicationProperties["quantity"]));
        Assert.Equal(3d, Assert.IsType<double>(message.ApplicationProperties["price"]));
    }

    [Fact]
    public void Set_and_remove_run_in_order_with_or_without_semicolons()
    {
        var message = TestMessages.Standard();

        SqlRuleAction.Parse("SET added = 'x'; REMOVE color;SET sys.CorrelationId = 'low'; set sys.Subject = sys.Label + '.copy' SET total = quantity * price;").Apply(message);

        Assert.Equal("x", message.ApplicationProperties["added"]);
        Assert.False(message.ApplicationProperties.ContainsKey("color"));
        Assert.Equal("low", message.GetSystemProperty(SystemProperty.CorrelationId));
        Assert.Equal("orders.created.copy", message.GetSystemProperty(SystemProperty.Label));
        Assert.Equal(25d, message.ApplicationProperties["total"]);
    }

    [Fact]
    public void Set_on_a_name_differing_in_case_updates_the_existing_property()
    {
        var message = TestMessages.Standard();

        SqlRuleAction.Parse("SET COLOR = 'blue'; REMOVE [NAME]").Apply(message);

        Assert.Equal("blue", message.ApplicationProperties["color"]);
        Assert.False(message.ApplicationProperties.ContainsKey("COLOR"));
        Assert.False(message.ApplicationProperties.ContainsKey("name"));
    }

    [Fact]
    public void Missing_operands_set_null_instead_of_failing()
    {
        var message = TestMessages.Standard();

        SqlRuleAction.Parse("SET result = missing + 1; REMOVE alsoMissing; SET sys.ReplyTo = missing").Apply(message);

        Assert.True(message.ApplicationProperties.ContainsKey("result"));
        Assert.Null(message.ApplicationProperties["result"]);
        Assert.Null(message.GetSystemProperty(SystemProperty.ReplyTo));
    }

    [Fact]
    public void Setting_a_string_system_property_from_a_number_stores_its_text()
    {
        var message = TestMessages.Standard();

        SqlRuleAction.Parse("SET sys.MessageId = quantity + 1; SET sys.TimeToLive = span").Apply(message);

        Assert.Equal("11", message.GetSystemProperty(SystemProperty.MessageId));
        Assert.Equal(TimeSpan.FromMinutes(30), message.GetSystemProperty(SystemProperty.TimeToLive));
    }

    [Fact]
    public void A_value_of_the_wrong_type_for_a_system_property_fails_the_action()
    {
        var action = SqlRuleAction.Parse("SET sys.TimeToLive = 'an hour'");

        var error = Assert.Throws<SqlEvaluationException>(() => action.Apply(TestMessages.Standard()));

        Assert.Contains("sys.TimeToLive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0, "Expected SET or REMOVE but found end of expression")]
    [InlineData("UPDATE x = 1", 0, "Expected SET or REMOVE but found token 'UPDATE'")]
    [InlineData("SET = 1", 4, "Expected a property name")]
    [InlineData("SET x 1", 6, "Expected '='")]
    [InlineData("SET x = ", 8, "Unexpected end of expression")]
    [InlineData("SET x = 1,", 9, "Expected SET or REMOVE but found token ','")]
    [InlineData("SET sys.SequenceNumber = 1", 4, "System property 'SequenceNumber' cannot be set")]
    [InlineData("SET sys.EnqueuedTimeUtc = 1", 4, "cannot be set")]
    [InlineData("REMOVE sys.Label", 7, "System property 'Label' cannot be removed")]
    [InlineData("SET sys.Nope = 1", 8, "Unknown system property 'Nope'")]
    [InlineData("SET x = 'open", 8, "Unterminated string constant")]
    [InlineData("SET x = 1; DELETE y", 11, "Expected SET or REMOVE")]
    public void Reports_the_problem_and_its_position(string expression, int position, string problem)
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlRuleAction.Parse(expression));

        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
