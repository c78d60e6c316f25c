using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Amqp;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

/// <summary>Rule maps and described lists, each passed through Microsoft.Azure.Amqp's encoder and decoder.</summary>
public sealed class RuleDescriptionCodecTests
{
    [Fact]
    public void Decodes_an_add_rule_request_with_a_sql_filter_and_action()
    {
        var body = RoundTrip(AddRuleRequest("halve", SqlFilterMap("quantity > 5"), new AmqpMap { [Key("expression")] = "SET quantity = quantity / 2" }));

        var rule = RuleDescriptionCodec.DecodeAddRuleRequest(body);

        Assert.Equal("halve", rule.Name);
        Assert.Equal(new SqlFilterDefinition("quantity > 5"), rule.Filter);
        Assert.Equal("SET quantity = quantity / 2", rule.ActionSqlExpression);
    }

    [Theory]
    [InlineData("1=1", typeof(TrueFilterDefinition))]
    [InlineData("1=0", typeof(FalseFilterDefinition))]
    [InlineData("1 = 1", typeof(SqlFilterDefinition))]
    public void True_and_false_filters_arrive_as_their_sql_expressions(string expression, Type expected)
    {
        var rule = RuleDescriptionCodec.DecodeAddRuleRequest(RoundTrip(AddRuleRequest("r", SqlFilterMap(expression), null)));

        Assert.IsType(expected, rule.Filter);
        Assert.Null(rule.ActionSqlExpression);
    }

    [Fact]
    public void Decodes_a_correlation_filter_as_the_sdk_sends_it()
    {
        var correlation = new AmqpMap
        {
            [Key("correlation-id")] = "corr-1",
            [Key("message-id")] = null,
            [Key("to")] = "store-5",
            [Key("reply-to")] = null,
            [Key("label")] = "orders.created",
            [Key("session-id")] = null,
            [Key("reply-to-session-id")] = null,
            [Key("content-type")] = "application/json",
            [Key("properties")] = new AmqpMap { [Key("color")] = "red", [Key("quantity")] = 10, [Key("flag")] = true },
        };

        var rule = RuleDescriptionCodec.DecodeAddRuleRequest(RoundTrip(AddRuleRequest("corr", correlation, null, "correlation-filter")));

        var filter = Assert.IsType<CorrelationFilterDefinition>(rule.Filter);
        Assert.Equal("corr-1", filter.CorrelationId);
        Assert.Null(filter.MessageId);
        Assert.Equal("store-5", filter.To);
        Assert.Equal("orders.created", filter.Label);
        Assert.Equal("application/json", filter.ContentType);
        Assert.Equal("red", filter.Properties["color"]);
        Assert.Equal(10, filter.Properties["quantity"]);
        Assert.Equal(true, filter.Properties["flag"]);
    }

    [Fact]
    public void A_request_without_a_filter_is_invalid()
    {
        var body = RoundTrip(new AmqpMap { [Key("rule-name")] = "r", [Key("rule-description")] = new AmqpMap { [Key("rule-name")] = "r" } });

        var error = Assert.Throws<InvalidRuleException>(() => RuleDescriptionCodec.DecodeAddRuleRequest(body));

        Assert.Contains("neither 'sql-filter' nor 'correlation-filter'", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidRuleException>(() => RuleDescriptionCodec.DecodeAddRuleRequest(new AmqpMap { [Key("rule-name")] = "r" }));
        Assert.Throws<InvalidRuleException>(() => RuleDescriptionCodec.DecodeAddRuleRequest(new AmqpMap()));
    }

    [Fact]
    public void Encodes_a_sql_rule_with_an_action_and_creation_time()
    {
        var created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var rule = new RuleDefinition { Name = "halve", Filter = new SqlFilterDefinition("quantity > 5"), ActionSqlExpression = "SET quantity = quantity / 2" };

        var fields = Described(RoundTrip(RuleDescriptionCodec.EncodeRuleDescription(rule, created)), RuleDescriptionCodec.RuleDescriptionCode);

        Assert.Equal(4, fields.Count);
        Assert.Equal(["quantity > 5", 20], Described(fields[0], RuleDescriptionCodec.SqlFilterCode));
        Assert.Equal(["SET quantity = quantity / 2", 20], Described(fields[1], RuleDescriptionCodec.SqlRuleActionCode));
        Assert.Equal("halve", fields[2]);
        Assert.Equal(created, fields[3]);
    }

    [Fact]
    public void Encodes_true_and_false_filters_and_no_action_with_their_own_descriptors()
    {
        var trueRule = Described(RoundTrip(RuleDescriptionCodec.EncodeRuleDescription(CompiledRule.DefaultRuleDefinition)), RuleDescriptionCodec.RuleDescriptionCode);
        var falseRule = Described(RoundTrip(RuleDescriptionCodec.EncodeRuleDescription(new RuleDefinition { Name = "none", Filter = new FalseFilterDefinition() })), RuleDescriptionCodec.RuleDescriptionCode);

        Assert.Equal(3, trueRule.Count);
        Assert.Empty(Described(trueRule[0], RuleDescriptionCodec.TrueFilterCode));
        Assert.Empty(Described(trueRule[1], RuleDescriptionCodec.EmptyRuleActionCode));
        Assert.Equal("$Default", trueRule[2]);
        Assert.Empty(Described(falseRule[0], RuleDescriptionCodec.FalseFilterCode));
    }

    [Theory]
    [InlineData("1=1", RuleDescriptionCodec.TrueFilterCode)]
    [InlineData(" 1=0 ", RuleDescriptionCodec.FalseFilterCode)]
    public void Sql_true_and_false_expressions_enumerate_as_true_and_false_filters(string expression, ulong code)
    {
        var rule = new RuleDefinition { Name = "r", Filter = new SqlFilterDefinition(expression) };

        Assert.Empty(Described(Described(RoundTrip(RuleDescriptionCodec.EncodeRuleDescription(rule)), RuleDescriptionCodec.RuleDescriptionCode)[0], code));
    }

    [Fact]
    public void Encodes_a_correlation_filter_in_the_sdk_field_order()
    {
        var rule = new RuleDefinition
        {
            Name = "corr",
            Filter = new CorrelationFilterDefinition
            {
                CorrelationId = "c", MessageId = "m", To = "t", ReplyTo = "r", Label = "l", SessionId = "s",
                ReplyToSessionId = "rs", ContentType = "ct",
                Properties = new Dictionary<string, object?> { ["color"] = "red", ["quantity"] = 10, ["wait"] = TimeSpan.FromSeconds(3) },
            },
        };

        var fields = Described(RoundTrip(RuleDescriptionCodec.EncodeRuleDescription(rule)), RuleDescriptionCodec.RuleDescriptionCode);
        var filter = Described(fields[0], RuleDescriptionCodec.CorrelationFilterCode);

        Assert.Equal(["c", "m", "t", "r", "l", "s", "rs", "ct"], filter.Take(8));
        var properties = Assert.IsType<AmqpMap>(filter[8]);
        Assert.Equal("red", properties[Key("color")]);
        Assert.Equal(10, properties[Key("quantity")]);
        Assert.Equal(TimeSpan.FromSeconds(3), AmqpPropertyValues.FromAmqp(properties[Key("wait")]));
    }

    [Fact]
    public void A_correlation_filter_with_null_fields_encodes_nulls()
    {
        var rule = new RuleDefinition { Name = "corr", Filter = new CorrelationFilterDefinition { Label = "only" } };

        var filter = Described(Described(RoundTrip(RuleDescriptionCodec.EncodeRuleDescription(rule)), RuleDescriptionCodec.RuleDescriptionCode)[0], RuleDescriptionCodec.CorrelationFilterCode);

        Assert.Equal(9, filter.Count);
        Assert.Equal([null, null, null, null, "only", null, null, null], filter.Take(8));
        Assert.Equal(0, Assert.IsType<AmqpMap>(filter[8]).Count);
    }

    [Fact]
    public void Enumerate_rules_response_is_a_list_of_maps_keyed_by_strings()
    {
        var rules = new SubscriptionRuleSet([new RuleDefinition { Name = "a", Filter = new TrueFilterDefinition() }, new RuleDefinition { Name = "b", Filter = new SqlFilterDefinition("x = 1") }]);

        var body = RoundTrip(RuleDescriptionCodec.EncodeEnumerateRulesResponse(rules.Rules));

        var list = Assert.IsType<List<object>>(body[Key("rules")]);
        Assert.Equal(2, list.Count);
        var names = list.Select(entry => Described(Assert.IsType<AmqpMap>(entry)[Key("rule-description")], RuleDescriptionCodec.RuleDescriptionCode)[2]);
        Assert.Equal(["a", "b"], names);
    }

    [Fact]
    public void A_rule_round_trips_from_add_rule_to_enumerate_rules()
    {
        var added = RuleDescriptionCodec.DecodeAddRuleRequest(RoundTrip(AddRuleRequest("t", SqlFilterMap("1=1"), new AmqpMap { [Key("expression")] = "SET a = 1" })));

        var fields = Described(RoundTrip(RuleDescriptionCodec.EncodeRuleDescription(added)), RuleDescriptionCodec.RuleDescriptionCode);

        Assert.Empty(Described(fields[0], RuleDescriptionCodec.TrueFilterCode));
        Assert.Equal(["SET a = 1", 20], Described(fields[1], RuleDescriptionCodec.SqlRuleActionCode));
    }

    [Theory]
    [MemberData(nameof(PropertyValues))]
    public void Property_values_round_trip_like_the_sdk_maps_them(object value)
    {
        var encoded = AmqpPropertyValues.ToAmqp(value);

        Assert.Equal(value, AmqpPropertyValues.FromAmqp(RoundTrip(encoded)));
    }

    public static TheoryData<object> PropertyValues => new()
    {
        "text", 5, 5L, 2.5d, 1.5m, true, Guid.Parse("6f1c5a2e-4d0b-4a53-9a55-2b8f1f0c7e11"),
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(5),
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new Uri("https://example.com/a"),
    };

    private static AmqpMap AddRuleRequest(string name, AmqpMap filter, AmqpMap? action, string filterKey = "sql-filter") => new()
    {
        [Key("rule-name")] = name,
        [Key("rule-description")] = new AmqpMap
        {
            [Key(filterKey)] = filter,
            [Key("sql-rule-action")] = action,
            [Key("rule-name")] = name,
        },
    };

    private static AmqpMap SqlFilterMap(string expression) => new() { [Key("expression")] = expression };

    private static MapKey Key(string key) => new(key);

    private static List<object> Described(object? value, ulong code)
    {
        var described = Assert.IsType<DescribedType>(value);
        Assert.Equal(code, described.Descriptor);
        return Assert.IsType<List<object>>(described.Value);
    }

    private static T RoundTrip<T>(T value)
    {
        var buffer = new ByteBuffer(1024, true);
        AmqpCodec.EncodeObject(value, buffer);
        return (T)NeutralAmqpDecoder.Decode(buffer)!;
    }
}
