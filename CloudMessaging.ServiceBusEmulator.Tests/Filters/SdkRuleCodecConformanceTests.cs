using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Amqp;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

/// <summary>The emulator's rule encoding against the codecs of the shipped Azure.Messaging.ServiceBus 7.21.0.</summary>
public sealed class SdkRuleCodecConformanceTests : IDisposable
{
    private readonly SdkRuleCodecHarness _sdk = new();

    public void Dispose() => _sdk.Dispose();

    [Fact]
    public void The_sdk_reads_the_default_rule_as_a_true_filter_without_action()
    {
        var rule = _sdk.DecodeRuleProperties(Encode(new RuleDefinition { Name = "$Default", Filter = new TrueFilterDefinition() }, DateTime.UtcNow));

        Assert.Equal("$Default", SdkRuleCodecHarness.Get(rule, "Name"));
        Assert.Equal("TrueRuleFilter", SdkRuleCodecHarness.Get(rule, "Filter")!.GetType().Name);
        Assert.Null(SdkRuleCodecHarness.Get(rule, "Action"));
    }

    [Fact]
    public void The_sdk_reads_a_false_filter()
    {
        var rule = _sdk.DecodeRuleProperties(Encode(new RuleDefinition { Name = "none", Filter = new FalseFilterDefinition() }));

        Assert.Equal("FalseRuleFilter", SdkRuleCodecHarness.Get(rule, "Filter")!.GetType().Name);
    }

    [Fact]
    public void The_sdk_reads_a_sql_filter_and_action()
    {
        var rule = _sdk.DecodeRuleProperties(Encode(new RuleDefinition
        {
            Name = "halve",
            Filter = new SqlFilterDefinition("quantity > 5"),
            ActionSqlExpression = "SET quantity = quantity / 2",
        }));

        var filter = SdkRuleCodecHarness.Get(rule, "Filter")!;
        var action = SdkRuleCodecHarness.Get(rule, "Action")!;
        Assert.Equal("SqlRuleFilter", filter.GetType().Name);
        Assert.Equal("quantity > 5", SdkRuleCodecHarness.Get(filter, "SqlExpression"));
        Assert.Equal("SqlRuleAction", action.GetType().Name);
        Assert.Equal("SET quantity = quantity / 2", SdkRuleCodecHarness.Get(action, "SqlExpression"));
    }

    [Fact]
    public void The_sdk_reads_a_correlation_filter_with_every_field_and_properties()
    {
        var rule = _sdk.DecodeRuleProperties(Encode(new RuleDefinition
        {
            Name = "corr",
            Filter = new CorrelationFilterDefinition
            {
                CorrelationId = "c", MessageId = "m", To = "t", ReplyTo = "r", Label = "l", SessionId = "s",
                ReplyToSessionId = "rs", ContentType = "ct",
                Properties = new Dictionary<string, object?> { ["color"] = "red", ["quantity"] = 10 },
            },
        }));

        var filter = SdkRuleCodecHarness.Get(rule, "Filter")!;
        Assert.Equal("CorrelationRuleFilter", filter.GetType().Name);
        Assert.Equal(
            ["c", "m", "t", "r", "l", "s", "rs", "ct"],
            new[] { "CorrelationId", "MessageId", "To", "ReplyTo", "Subject", "SessionId", "ReplyToSessionId", "ContentType" }
                .Select(property => SdkRuleCodecHarness.Get(filter, property)));
        var properties = (IDictionary<string, object>)SdkRuleCodecHarness.Get(filter, "ApplicationProperties")!;
        Assert.Equal("red", properties["color"]);
        Assert.Equal(10, properties["quantity"]);
    }

    [Fact]
    public void The_emulator_reads_what_the_sdk_sends_for_a_sql_rule()
    {
        var sent = _sdk.EncodeRuleDescriptionMap("halve", _sdk.New("SqlRuleFilter", "quantity > 5"), _sdk.New("SqlRuleAction", "SET quantity = quantity / 2"));

        var rule = RuleDescriptionCodec.DecodeRuleDescription("halve", Decode<AmqpMap>(sent));

        Assert.Equal(new SqlFilterDefinition("quantity > 5"), rule.Filter);
        Assert.Equal("SET quantity = quantity / 2", rule.ActionSqlExpression);
    }

    [Theory]
    [InlineData("TrueRuleFilter", typeof(TrueFilterDefinition))]
    [InlineData("FalseRuleFilter", typeof(FalseFilterDefinition))]
    public void The_emulator_reads_what_the_sdk_sends_for_true_and_false_filters(string sdkFilter, Type expected)
    {
        var sent = _sdk.EncodeRuleDescriptionMap("r", _sdk.New(sdkFilter), null);

        var rule = RuleDescriptionCodec.DecodeRuleDescription("r", Decode<AmqpMap>(sent));

        Assert.IsType(expected, rule.Filter);
        Assert.Null(rule.ActionSqlExpression);
    }

    [Fact]
    public void The_emulator_reads_what_the_sdk_sends_for_a_correlation_rule()
    {
        var sdkFilter = _sdk.New("CorrelationRuleFilter", "corr-1");
        sdkFilter.GetType().GetProperty("Subject")!.SetValue(sdkFilter, "orders.created");
        var properties = (IDictionary<string, object>)SdkRuleCodecHarness.Get(sdkFilter, "ApplicationProperties")!;
        properties["color"] = "red";
        properties["quantity"] = 10;

        var rule = RuleDescriptionCodec.DecodeRuleDescription("corr", Decode<AmqpMap>(_sdk.EncodeRuleDescriptionMap("corr", sdkFilter, null)));

        var filter = Assert.IsType<CorrelationFilterDefinition>(rule.Filter);
        Assert.Equal("corr-1", filter.CorrelationId);
        Assert.Equal("orders.created", filter.Label);
        Assert.Null(filter.To);
        Assert.Equal("red", filter.Properties["color"]);
        Assert.Equal(10, filter.Properties["quantity"]);
    }

    private static byte[] Encode(RuleDefinition rule, DateTime? createdAt = null)
    {
        var buffer = new ByteBuffer(1024, true);
        AmqpCodec.EncodeObject(RuleDescriptionCodec.EncodeRuleDescription(rule, createdAt), buffer);
        return buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray();
    }

    private static T Decode<T>(byte[] bytes) => (T)AmqpCodec.DecodeObject(new ByteBuffer(bytes, 0, bytes.Length));
}
