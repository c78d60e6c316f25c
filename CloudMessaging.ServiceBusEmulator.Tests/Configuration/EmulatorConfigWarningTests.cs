using CloudMessaging.ServiceBusEmulator.Configuration;
using static CloudMessaging.ServiceBusEmulator.Tests.Configuration.ConfigJson;

namespace CloudMessaging.ServiceBusEmulator.Tests.Configuration;

public sealed class EmulatorConfigWarningTests
{
    private const string Ns = NamespacePath;
    private const string OfficialWouldRefuse = "the official emulator would refuse it, this emulator accepts it";

    public static TheoryData<string, string, string> UnusualDocuments => new()
    {
        { With(queues: $"[{Queue("q", """{ "Colour": "blue" }""")}]"), $"{Ns}.Queues[0].Properties.Colour", "unknown property 'Colour' is ignored" },
        { With(queues: """[ { "Name": "q", "Description": "orders" } ]"""), $"{Ns}.Queues[0].Description", "unknown property 'Description'" },
        { With(namespaceName: "contoso"), $"{Ns}.Name", "namespace \"contoso\" is not \"sbemulatorns\"" },
        { """{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns" } ] } }""", "$.UserConfig.Logging", "missing Logging; the official emulator requires it" },
        { """{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns" } ], "Logging": { "Type": "Syslog" } } }""", "$.UserConfig.Logging.Type", "Logging.Type \"Syslog\" is not one of" },
        { With(queues: $"[{Queue("q", """{ "DefaultMessageTimeToLive": "PT2H" }""")}]"), $"{Ns}.Queues[0].Properties.DefaultMessageTimeToLive", $"DefaultMessageTimeToLive PT2H is outside the official emulator's range PT5M..PT1H; {OfficialWouldRefuse}" },
        { With(queues: $"[{Queue("q", """{ "DefaultMessageTimeToLive": "PT1M" }""")}]"), $"{Ns}.Queues[0].Properties.DefaultMessageTimeToLive", "PT5M..PT1H" },
        { With(queues: $"[{Queue("q", """{ "LockDuration": "PT10M" }""")}]"), $"{Ns}.Queues[0].Properties.LockDuration", "LockDuration PT10M is outside the official emulator's range PT5S..PT5M" },
        { With(queues: $"[{Queue("q", """{ "DuplicateDetectionHistoryTimeWindow": "PT1S" }""")}]"), $"{Ns}.Queues[0].Properties.DuplicateDetectionHistoryTimeWindow", "PT5S..PT5M" },
        { With(queues: $"[{Queue("q", """{ "MaxDeliveryCount": 11 }""")}]"), $"{Ns}.Queues[0].Properties.MaxDeliveryCount", $"MaxDeliveryCount 11 is more than the official emulator's maximum of 10; {OfficialWouldRefuse}" },
        { With(topics: """[ { "Name": "t", "Subscriptions": [ { "Name": "s", "Properties": { "LockDuration": "PT30S" } } ] } ]"""), $"{Ns}.Topics[0].Subscriptions[0].Properties.LockDuration", "PT1M..PT5M" },
        { With(topics: """[ { "Name": "t", "Properties": { "DefaultMessageTimeToLive": "P1D" } , "Subscriptions": [ { "Name": "s" } ] } ]"""), $"{Ns}.Topics[0].Properties.DefaultMessageTimeToLive", "DefaultMessageTimeToLive P1D is outside" },
        { With(topics: """[ { "Name": "t" } ]"""), $"{Ns}.Topics[0].Subscriptions", $"a topic without subscriptions; {OfficialWouldRefuse}" },
        { With(queues: $"[{string.Join(',', Enumerable.Range(0, 51).Select(i => Queue($"q{i}")))}]"), Ns, "51 queues and topics are more than the official emulator's 50" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Correlation", "CorrelationFilter": { "Subject": "x", "Label": "x" } }""")}]")), $"{Ns}.Topics[0].Subscriptions[0].Rules[0].Properties.CorrelationFilter.Subject", "(a correlation filter calls the subject 'Label')" },
        { With(topics: TopicWithRules($"[{Rule("r", """{ "FilterType": "Sql", "SqlFilter": { "SqlExpression": "1=1" }, "CorrelationFilter": { "To": "x" } }""")}]")), $"{Ns}.Topics[0].Subscriptions[0].Rules[0].Properties.CorrelationFilter", "CorrelationFilter is ignored because FilterType is \"Sql\"" },
    };

    [Theory]
    [MemberData(nameof(UnusualDocuments))]
    public void Unusual_document_loads_and_logs_a_warning_naming_the_path(string json, string expectedPath, string expectedWarning)
    {
        var logger = new CapturingLogger();

        EmulatorConfigLoader.Parse(json, logger);

        var warning = Assert.Single(logger.Warnings);
        Assert.StartsWith($"Config.json {expectedPath}: ", warning, StringComparison.Ordinal);
        Assert.Contains(expectedWarning, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_in_another_casing_is_used_with_a_warning()
    {
        var logger = new CapturingLogger();

        var queue = EmulatorConfigLoader.Parse(With(queues: $"[{Queue("q", """{ "lockDuration": "PT2M" }""")}]"), logger).Queues.Single();

        Assert.Equal(TimeSpan.FromMinutes(2), queue.LockDuration);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains($"{Ns}.Queues[0].Properties.lockDuration: property 'lockDuration' is spelled 'LockDuration' in the official format", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_are_logged_even_when_the_document_is_also_invalid()
    {
        var logger = new CapturingLogger();
        var json = With(queues: $"[{Queue("q", """{ "Colour": "blue", "MaxDeliveryCount": 0 }""")}]");

        Assert.Throws<EmulatorConfigException>(() => EmulatorConfigLoader.Parse(json, logger));

        Assert.Contains(logger.Warnings, w => w.Contains("Colour", StringComparison.Ordinal));
    }
}
