using CloudMessaging.ServiceBusEmulator.Configuration;
using static CloudMessaging.ServiceBusEmulator.Tests.Configuration.ConfigJson;

namespace CloudMessaging.ServiceBusEmulator.Tests.Configuration;

public sealed class EmulatorConfigErrorTests
{
    private const string Ns = NamespacePath;
    private const string Rule0 = $"{Ns}.Topics[0].Subscriptions[0].Rules[0]";

    public static TheoryData<string, string, string> InvalidDocuments => new()
    {
        // The document's outline.
        { "{ not json", "$", "not valid JSON at line 1" },
        { "[]", "$", "expected an object, found an array" },
        { """{ "Something": {} }""", "$.UserConfig", "missing UserConfig" },
        { """{ "UserConfig": { "Logging": { "Type": "Console" } } }""", "$.UserConfig.Namespaces", "missing Namespaces" },
        { """{ "UserConfig": { "Namespaces": [], "Logging": { "Type": "Console" } } }""", "$.UserConfig.Namespaces", "exactly one namespace is needed, found none" },
        { """{ "UserConfig": { "Namespaces": [ { "Name": "a" }, { "Name": "b" } ] } }""", "$.UserConfig.Namespaces[1]", "exactly one namespace is supported, found 2" },
        { """{ "UserConfig": { "Namespaces": [ { "Queues": [] } ] } }""", $"{Ns}.Name", "missing Name" },
        { """{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", "Queues": {} } ] } }""", $"{Ns}.Queues", "expected an array, found an object" },

        // Wrong types and bad values.
        { With(queues: $"[{Queue("a")}, {Queue("b")}, {Queue("c", """{ "LockDuration": "PT1X" }""")}]"), $"{Ns}.Queues[2].Properties.LockDuration", "'PT1X' has the unknown designator 'X'" },
        { With(queues: $"[{Queue("q", """{ "LockDuration": 60 }""")}]"), $"{Ns}.Queues[0].Properties.LockDuration", "expected a string, found the number 60" },
        { With(queues: $"[{Queue("q", """{ "DefaultMessageTimeToLive": "PT0S" }""")}]"), $"{Ns}.Queues[0].Properties.DefaultMessageTimeToLive", "must be longer than zero" },
        { With(queues: $"[{Queue("q", """{ "DuplicateDetectionHistoryTimeWindow": "-PT1M" }""")}]"), $"{Ns}.Queues[0].Properties.DuplicateDetectionHistoryTimeWindow", "is negative" },
        { With(queues: $"[{Queue("q", """{ "MaxDeliveryCount": "3" }""")}]"), $"{Ns}.Queues[0].Properties.MaxDeliveryCount", "expected a whole number, found the string \"3\"" },
        { With(queues: $"[{Queue("q", """{ "MaxDeliveryCount": 2.5 }""")}]"), $"{Ns}.Queues[0].Properties.MaxDeliveryCount", "expected a whole number, found the number 2.5" },
        { With(queues: $"[{Queue("q", """{ "MaxDeliveryCount": 0 }""")}]"), $"{Ns}.Queues[0].Properties.MaxDeliveryCount", "MaxDeliveryCount must be at least 1, found 0" },
        { With(queues: $"[{Queue("q", """{ "RequiresSession": "yes" }""")}]"), $"{Ns}.Queues[0].Properties.RequiresSession", "expected true or false" },
        { With(queues: $"[{Queue("q", "[]")}]"), $"{Ns}.Queues[0].Properties", "expected an object, found an array" },
        { With(queues: $"[{Queue("q", """{ "LockDuration": "PT1M", "LockDuration": "PT2M" }""")}]"), $"{Ns}.Queues[0].Properties.LockDuration", "'LockDuration' is given more than once" },

        // Names.
        { With(queues: """[ { "Properties": {} } ]"""), $"{Ns}.Queues[0].Name", "missing Name" },
        { With(queues: $"[{Queue("")}]"), $"{Ns}.Queues[0].Name", "Name must not be empty" },
        { With(queues: $"[{Queue("-orders")}]"), $"{Ns}.Queues[0].Name", "invalid queue name: '-orders' must start and end with a letter or digit" },
        { With(queues: $"[{Queue("orders!")}]"), $"{Ns}.Queues[0].Name", "invalid queue name" },
        { With(queues: $"[{Queue("or ders")}]"), $"{Ns}.Queues[0].Name", "contains ' '" },
        { With(queues: $"[{Queue(new string('q', 261))}]"), $"{Ns}.Queues[0].Name", "at most 260" },
        { With(queues: $"[{Queue("a/Subscriptions/b")}]"), $"{Ns}.Queues[0].Name", "reserved for subscription addresses" },
        { With(topics: """[ { "Name": "t", "Subscriptions": [ { "Name": "a/b" } ] } ]"""), $"{Ns}.Topics[0].Subscriptions[0].Name", "invalid subscription name: 'a/b' contains '/'" },
        { With(topics: TopicWithRules($"[{Rule("$Default", """{ "FilterType": "Sql", "SqlFilter": { "SqlExpression": "1=1" } }""")}]")), $"{Rule0}.Name", "invalid rule name" },

        // Duplicates.
        { With(queues: $"[{Queue("orders")}, {Queue("Orders")}]"), $"{Ns}.Queues[1].Name", $"duplicate queue name 'Orders' (also declared at {Ns}.Queues[0]" },
        { With(queues: $"[{Queue("orders")}]", topics: """[ { "Name": "orders", "Subscriptions": [ { "Name": "s" } ] } ]"""), $"{Ns}.Topics[0].Name", "duplicate topic name 'orders'" },
        { With(topics: """[ { "Name": "t", "Subscriptions": [ { "Name": "s" }, { "Name": "x" }, { "Name": "S" } ] } ]"""), $"{Ns}.Topics[0].Subscriptions[2].Name", $"duplicate subscription name 'S' (also declared at {Ns}.Topics[0].Subscriptions[0]" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Sql", "SqlFilter": { "SqlExpression": "1=1" } }""")}, {Rule("r", """{ "FilterType": "Sql", "SqlFilter": { "SqlExpression": "1=0" } }""")}]")), $"{Ns}.Topics[0].Subscriptions[0].Rules[1].Name", "duplicate rule name 'r'" },

        // Forwarding.
        { With(queues: $"[{Queue("q", """{ "ForwardTo": "nowhere" }""")}]"), $"{Ns}.Queues[0].Properties.ForwardTo", "ForwardTo names 'nowhere', which is no queue or topic in this namespace" },
        { With(queues: $"[{Queue("q", """{ "ForwardDeadLetteredMessagesTo": "nowhere" }""")}]"), $"{Ns}.Queues[0].Properties.ForwardDeadLetteredMessagesTo", "no queue or topic" },
        { With(queues: $"[{Queue("q", """{ "ForwardTo": "Q" }""")}]"), $"{Ns}.Queues[0].Properties.ForwardTo", "a queue cannot forward to itself" },
        { With(topics: """[ { "Name": "t", "Subscriptions": [ { "Name": "s", "Properties": { "ForwardTo": "t" } } ] } ]"""), $"{Ns}.Topics[0].Subscriptions[0].Properties.ForwardTo", "cannot forward to its own topic" },
        { With(topics: """[ { "Name": "t", "Subscriptions": [ { "Name": "s", "Properties": { "ForwardTo": "t/Subscriptions/s" } } ] } ]"""), $"{Ns}.Topics[0].Subscriptions[0].Properties.ForwardTo", "no queue or topic" },

        // Rules.
        { With(topics: TopicWithRules("""[ { "Name": "r" } ]""")), $"{Rule0}.Properties", "missing Properties; a rule needs a FilterType and its filter" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "SqlFilter": { "SqlExpression": "1=1" } }""")}]")), $"{Rule0}.Properties.FilterType", "missing FilterType" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Regex" }""")}]")), $"{Rule0}.Properties.FilterType", "FilterType must be \"Correlation\" or \"Sql\", found \"Regex\"" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Sql" }""")}]")), $"{Rule0}.Properties.SqlFilter", "missing SqlFilter" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Sql", "SqlFilter": {} }""")}]")), $"{Rule0}.Properties.SqlFilter.SqlExpression", "missing SqlExpression" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Correlation" }""")}]")), $"{Rule0}.Properties.CorrelationFilter", "missing CorrelationFilter" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Correlation", "CorrelationFilter": { "Properties": {} } }""")}]")), $"{Rule0}.Properties.CorrelationFilter", "needs at least one field or application property" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Correlation", "CorrelationFilter": { "ContentType": 7 } }""")}]")), $"{Rule0}.Properties.CorrelationFilter.ContentType", "expected a string, found the number 7" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Correlation", "CorrelationFilter": { "Properties": { "tags": ["a"] } } }""")}]")), $"{Rule0}.Properties.CorrelationFilter.Properties.tags", "must be a string, number, true, false or null, found an array" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Correlation", "CorrelationFilter": { "Properties": { "shipping.region": {} } } }""")}]")), $"{Rule0}.Properties.CorrelationFilter.Properties['shipping.region']", "found an object" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Sql", "SqlFilter": { "SqlExpression": "1=1" }, "Action": { "SqlExpression": 1 } }""")}]")), $"{Rule0}.Properties.Action.SqlExpression", "expected a string" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void Invalid_document_names_the_path_and_the_problem(string json, string expectedPath, string expectedProblem)
    {
        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfigLoader.Parse(json));

        Assert.Equal(expectedPath, error.JsonPath);
        Assert.Contains(expectedProblem, error.Problem, StringComparison.Ordinal);
        Assert.Contains($"{expectedPath}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = With(queues: $"""
            [
              {Queue("a", """{ "LockDuration": "soon" }""")},
              {Queue("b", """{ "MaxDeliveryCount": -1, "ForwardTo": "c" }""")}
            ]
            """);

        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfigLoader.Parse(json));

        Assert.Equal(
            [
                $"{Ns}.Queues[0].Properties.LockDuration",
                $"{Ns}.Queues[1].Properties.ForwardTo",
                $"{Ns}.Queues[1].Properties.MaxDeliveryCount",
            ],
            error.Errors.Select(e => e.JsonPath).Order(StringComparer.Ordinal));
        Assert.StartsWith("The emulator configuration has 3 problems:", error.Message, StringComparison.Ordinal);
        Assert.All(error.Errors, e => Assert.Contains(e.ToString(), error.Message, StringComparison.Ordinal));
    }
}
