using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Configuration;

public sealed class EmulatorConfigLoaderTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Configuration", "TestData", "official-shape.json");

    [Fact]
    public void Official_sample_shape_loads_without_warnings()
    {
        var logger = new CapturingLogger();

        var topology = EmulatorConfigLoader.Load(SamplePath, logger);

        Assert.Empty(logger.Warnings);
        Assert.Equal("sbemulatorns", topology.NamespaceName);
        Assert.Equal("File,Console", topology.LoggingType);
        Assert.Equal(["queue.1"], topology.Queues.Select(q => q.Name));
        Assert.Equal(["topic.1"], topology.Topics.Select(t => t.Name));
    }

    [Fact]
    public void Queue_properties_are_read()
    {
        var queue = EmulatorConfigLoader.Load(SamplePath).Queues.Single();

        Assert.Equal(
            new QueueDefinition
            {
                Name = "queue.1",
                DeadLetteringOnMessageExpiration = true,
                DefaultMessageTimeToLive = TimeSpan.FromMinutes(50),
                DuplicateDetectionHistoryTimeWindow = TimeSpan.FromSeconds(30),
                ForwardDeadLetteredMessagesTo = null,
                ForwardTo = null,
                LockDuration = TimeSpan.FromSeconds(45),
                MaxDeliveryCount = 5,
                RequiresDuplicateDetection = true,
                RequiresSession = false,
            },
            queue);
    }

    [Fact]
    public void Topic_and_subscription_properties_are_read()
    {
        var topic = EmulatorConfigLoader.Load(SamplePath).Topics.Single();

        Assert.Equal(TimeSpan.FromHours(1), topic.DefaultMessageTimeToLive);
        Assert.Equal(TimeSpan.FromMinutes(1), topic.DuplicateDetectionHistoryTimeWindow);
        Assert.True(topic.RequiresDuplicateDetection);
        Assert.Equal(["subscription.1", "subscription.2", "subscription.3", "subscription.4"], topic.Subscriptions.Select(s => s.Name));

        var first = topic.Subscriptions[0];
        Assert.Equal(TimeSpan.FromMinutes(30), first.DefaultMessageTimeToLive);
        Assert.Equal(TimeSpan.FromMinutes(2), first.LockDuration);
        Assert.Equal(4, first.MaxDeliveryCount);
        Assert.False(first.DeadLetteringOnMessageExpiration);
        Assert.Null(first.ForwardTo);
    }

    [Fact]
    public void Content_type_correlation_filter_is_read()
    {
        var rule = EmulatorConfigLoader.Load(SamplePath).Topics[0].Subscriptions[0].Rules.Single();

        Assert.Equal("json-only", rule.Name);
        var filter = Assert.IsType<CorrelationFilterDefinition>(rule.Filter);
        Assert.Equal("application/json", filter.ContentType);
        Assert.Null(filter.Label);
        Assert.Empty(filter.Properties);
        Assert.Null(rule.ActionSqlExpression);
    }

    [Fact]
    public void Application_property_correlation_filter_keeps_json_value_types()
    {
        var rule = EmulatorConfigLoader.Load(SamplePath).Topics[0].Subscriptions[1].Rules.Single();

        var filter = Assert.IsType<CorrelationFilterDefinition>(rule.Filter);
        Assert.Equal("order-placed", filter.Label);
        Assert.Equal(5, filter.Properties.Count);
        Assert.Equal("eu", Assert.IsType<string>(filter.Properties["region"]));
        Assert.Equal(2L, Assert.IsType<long>(filter.Properties["priority"]));
        Assert.Equal(0.75, Assert.IsType<double>(filter.Properties["weight"]));
        Assert.True(Assert.IsType<bool>(filter.Properties["express"]));
        Assert.True(filter.Properties.ContainsKey("coupon"));
        Assert.Null(filter.Properties["coupon"]);
    }

    [Fact]
    public void Subscription_without_rules_has_none()
    {
        var subscription = EmulatorConfigLoader.Load(SamplePath).Topics[0].Subscriptions[2];

        Assert.Empty(subscription.Rules);
    }

    [Fact]
    public void Sql_filter_and_action_are_kept_as_written()
    {
        var rule = EmulatorConfigLoader.Load(SamplePath).Topics[0].Subscriptions[3].Rules.Single();

        Assert.Equal("large-orders", rule.Name);
        Assert.Equal(new SqlFilterDefinition("sys.Label = 'order-placed' AND total > 100"), rule.Filter);
        Assert.Equal("SET tier = 'gold'; REMOVE coupon", rule.ActionSqlExpression);
    }

    [Fact]
    public void Absent_properties_take_the_defaults()
    {
        var topology = EmulatorConfigLoader.Parse(ConfigJson.With(
            queues: """[ { "Name": "plain" } ]""",
            topics: """[ { "Name": "events", "Subscriptions": [ { "Name": "all" } ] } ]"""));

        Assert.Equal(new QueueDefinition { Name = "plain" }, topology.Queues.Single());
        var queue = topology.Queues.Single();
        Assert.Equal(EntityDefaults.LockDuration, queue.LockDuration);
        Assert.Equal(EntityDefaults.MaxDeliveryCount, queue.MaxDeliveryCount);
        Assert.Equal(TimeSpan.MaxValue, queue.DefaultMessageTimeToLive);
        Assert.Equal(EntityDefaults.DuplicateDetectionHistoryTimeWindow, queue.DuplicateDetectionHistoryTimeWindow);
        Assert.False(queue.RequiresSession);

        var subscription = topology.Topics.Single().Subscriptions.Single();
        Assert.Equal(TimeSpan.MaxValue, subscription.DefaultMessageTimeToLive);
        Assert.Empty(subscription.Rules);
    }

    [Fact]
    public void MaxSizeInMegabytes_is_read_for_queues_and_topics_and_defaults_to_1024()
    {
        var topology = EmulatorConfigLoader.Parse(ConfigJson.With(
            queues: """[ { "Name": "small", "Properties": { "MaxSizeInMegabytes": 1 } }, { "Name": "plain" } ]""",
            topics: """[ { "Name": "events", "Properties": { "MaxSizeInMegabytes": 2048 }, "Subscriptions": [ { "Name": "all" } ] } ]"""));

        Assert.Equal(1, topology.Queues[0].MaxSizeInMegabytes);
        Assert.Equal(EntityDefaults.MaxSizeInMegabytes, topology.Queues[1].MaxSizeInMegabytes);
        Assert.Equal(2048, topology.Topics.Single().MaxSizeInMegabytes);
    }

    [Fact]
    public void Queues_and_topics_may_be_left_out()
    {
        var topology = EmulatorConfigLoader.Parse("""
            { "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns" } ], "Logging": { "Type": "Console" } } }
            """);

        Assert.Empty(topology.Queues);
        Assert.Empty(topology.Topics);
    }

    [Fact]
    public void Forward_targets_resolve_to_the_declared_name_of_a_queue_or_topic()
    {
        var topology = EmulatorConfigLoader.Parse(ConfigJson.With(
            queues: """
                [
                  { "Name": "intake", "Properties": { "ForwardTo": "WORK", "ForwardDeadLetteredMessagesTo": "Audit" } },
                  { "Name": "Work" },
                  { "Name": "failures" }
                ]
                """,
            topics: """
                [
                  { "Name": "Audit", "Subscriptions": [ { "Name": "s", "Properties": { "ForwardTo": "work", "ForwardDeadLetteredMessagesTo": "failures" } } ] }
                ]
                """));

        var intake = topology.Queues[0];
        Assert.Equal("Work", intake.ForwardTo);
        Assert.Equal("Audit", intake.ForwardDeadLetteredMessagesTo);
        var subscription = topology.Topics[0].Subscriptions[0];
        Assert.Equal("Work", subscription.ForwardTo);
        Assert.Equal("failures", subscription.ForwardDeadLetteredMessagesTo);
    }

    [Fact]
    public void Null_values_count_as_left_out()
    {
        var queue = EmulatorConfigLoader.Parse(ConfigJson.With(queues: """
            [ { "Name": "q", "Properties": { "LockDuration": null, "ForwardTo": null, "MaxDeliveryCount": null } } ]
            """)).Queues.Single();

        Assert.Equal(new QueueDefinition { Name = "q" }, queue);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        var topology = EmulatorConfigLoader.Parse("""
            {
              // hand-edited
              "UserConfig": {
                "Namespaces": [ { "Name": "sbemulatorns", "Queues": [ { "Name": "q", }, ], }, ],
                "Logging": { "Type": "Console" },
              },
            }
            """);

        Assert.Equal("q", topology.Queues.Single().Name);
    }

    [Fact]
    public void Values_beyond_the_official_ranges_are_accepted()
    {
        var queue = EmulatorConfigLoader.Parse(ConfigJson.With(queues: $$"""
            [{{ConfigJson.Queue("q", """
            { "DefaultMessageTimeToLive": "P14D", "LockDuration": "PT10M", "MaxDeliveryCount": 100, "DuplicateDetectionHistoryTimeWindow": "P1D" }
            """)}}]
            """)).Queues.Single();

        Assert.Equal(TimeSpan.FromDays(14), queue.DefaultMessageTimeToLive);
        Assert.Equal(TimeSpan.FromMinutes(10), queue.LockDuration);
        Assert.Equal(100, queue.MaxDeliveryCount);
        Assert.Equal(TimeSpan.FromDays(1), queue.DuplicateDetectionHistoryTimeWindow);
    }

    [Fact]
    public void An_unreadable_file_names_the_file()
    {
        var missing = Path.Combine(AppContext.BaseDirectory, "no-such-config.json");

        var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfigLoader.Load(missing));

        Assert.Equal(missing, error.ConfigSource);
        Assert.Equal("$", error.JsonPath);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_file_names_the_file_and_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ConfigJson.With(queues: $"[{ConfigJson.Queue("q", """{ "LockDuration": "1 minute" }""")}]"));
        try
        {
            var error = Assert.Throws<EmulatorConfigException>(() => EmulatorConfigLoader.Load(path));

            Assert.Equal(path, error.ConfigSource);
            Assert.Equal("$.UserConfig.Namespaces[0].Queues[0].Properties.LockDuration", error.JsonPath);
            Assert.StartsWith($"The emulator configuration '{path}' is invalid at $.UserConfig.Namespaces[0].Queues[0].Properties.LockDuration: ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
