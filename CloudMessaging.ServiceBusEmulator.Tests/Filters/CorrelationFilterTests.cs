using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Correlation;
using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

public sealed class CorrelationFilterTests
{
    public static TheoryData<string, CorrelationFilterDefinition, bool> Cases => new()
    {
        { "empty filter", new CorrelationFilterDefinition(), true },
        { "correlation id", new CorrelationFilterDefinition { CorrelationId = "corr-1" }, true },
        { "correlation id, other case", new CorrelationFilterDefinition { CorrelationId = "CORR-1" }, false },
        { "label matches subject", new CorrelationFilterDefinition { Label = "orders.created" }, true },
        { "all eight system fields", new CorrelationFilterDefinition
            {
                CorrelationId = "corr-1", MessageId = "msg-1", To = "store-5", ReplyTo = "replies", Label = "orders.created",
                SessionId = "s1", ReplyToSessionId = "rs1", ContentType = "application/json",
            }, true },
        { "one field of several differs", new CorrelationFilterDefinition { CorrelationId = "corr-1", To = "store-6" }, false },
        { "field the message lacks", new CorrelationFilterDefinition { ReplyToSessionId = "other" }, false },
        { "string property", new CorrelationFilterDefinition { Properties = Props(("color", "red")) }, true },
        { "string property, other case", new CorrelationFilterDefinition { Properties = Props(("color", "Red")) }, false },
        { "property name in other case", new CorrelationFilterDefinition { Properties = Props(("COLOR", "red")) }, true },
        { "int property as int", new CorrelationFilterDefinition { Properties = Props(("quantity", 10)) }, true },
        { "int property as long", new CorrelationFilterDefinition { Properties = Props(("quantity", 10L)) }, true },
        { "int property as double", new CorrelationFilterDefinition { Properties = Props(("quantity", 10d)) }, true },
        { "int property as string", new CorrelationFilterDefinition { Properties = Props(("quantity", "10")) }, false },
        { "bool property", new CorrelationFilterDefinition { Properties = Props(("flag", true)) }, true },
        { "missing property", new CorrelationFilterDefinition { Properties = Props(("missing", "x")) }, false },
        { "null entry, missing property", new CorrelationFilterDefinition { Properties = Props(("missing", null)) }, true },
        { "null entry, present property", new CorrelationFilterDefinition { Properties = Props(("color", null)) }, false },
        { "fields and properties together", new CorrelationFilterDefinition { Label = "orders.created", Properties = Props(("color", "red"), ("quantity", 10)) }, true },
        { "fields match, a property does not", new CorrelationFilterDefinition { Label = "orders.created", Properties = Props(("color", "red"), ("quantity", 11)) }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_when_every_set_condition_holds(string description, CorrelationFilterDefinition definition, bool expected)
    {
        var message = TestMessages.Standard().With(SystemProperty.ReplyToSessionId, "rs1");
        if (description == "field the message lacks")
        {
            message.With(SystemProperty.ReplyToSessionId, null);
        }

        Assert.Equal(expected, new CorrelationFilter(definition).Matches(message));
    }

    private static Dictionary<string, object?> Props(params (string Name, object? Value)[] entries) =>
        entries.ToDictionary(entry => entry.Name, entry => entry.Value);
}
