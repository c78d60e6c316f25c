using System.Text.Json;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// Turns an official-format Config.json document into an <see cref="EmulatorTopology"/>, reporting every problem
/// with its JSON path to <see cref="ConfigDiagnostics"/>.
/// </summary>
internal sealed class TopologyReader(ConfigDiagnostics diagnostics)
{
    private static readonly string[] RootNames = ["UserConfig"];
    private static readonly string[] UserConfigNames = ["Namespaces", "Logging"];
    private static readonly string[] LoggingNames = ["Type"];
    private static readonly string[] NamespaceNames = ["Name", "Queues", "Topics"];
    private static readonly string[] QueueNames = ["Name", "Properties"];
    private static readonly string[] TopicNames = ["Name", "Properties", "Subscriptions"];
    private static readonly string[] SubscriptionNames = ["Name", "Properties", "Rules"];

    private static readonly string[] QueuePropertyNames =
    [
        "DeadLetteringOnMessageExpiration", "DefaultMessageTimeToLive", "DuplicateDetectionHistoryTimeWindow",
        "ForwardDeadLetteredMessagesTo", "ForwardTo", "LockDuration", "MaxDeliveryCount", "MaxSizeInMegabytes",
        "RequiresDuplicateDetection", "RequiresSession",
    ];

    private static readonly string[] TopicPropertyNames =
        ["DefaultMessageTimeToLive", "DuplicateDetectionHistoryTimeWindow", "MaxSizeInMegabytes", "RequiresDuplicateDetection"];

    private static readonly string[] SubscriptionPropertyNames =
    [
        "DeadLetteringOnMessageExpiration", "DefaultMessageTimeToLive", "ForwardDeadLetteredMessagesTo",
        "ForwardTo", "LockDuration", "MaxDeliveryCount", "RequiresSession",
    ];

    /// <summary>Queue and topic names (case-insensitive, as in Azure) → the path that declared each first.</summary>
    private readonly Dictionary<string, string> entityDeclarations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Queue and topic names as declared, for resolving ForwardTo targets before every entity is read.</summary>
    private readonly Dictionary<string, string> forwardTargets = new(StringComparer.OrdinalIgnoreCase);

    public EmulatorTopology Read(JsonElement root)
    {
        var document = ConfigObject.Read(root, ConfigJsonPath.Root, diagnostics, RootNames);
        if (document is null)
        {
            return new EmulatorTopology();
        }

        var userConfig = document.GetRequiredObject("UserConfig", UserConfigNames, "missing UserConfig");
        if (userConfig is null)
        {
            return new EmulatorTopology();
        }

        var loggingType = ReadLogging(userConfig);
        var topology = ReadNamespaces(userConfig);
        return topology with { LoggingType = loggingType };
    }

    private string? ReadLogging(ConfigObject userConfig)
    {
        if (!userConfig.Has("Logging"))
        {
            diagnostics.Warn(userConfig.PathOf("Logging"), "missing Logging; the official emulator requires it (e.g. { \"Type\": \"Console\" })");
            return null;
        }

        var type = userConfig.GetObject("Logging", LoggingNames)?.GetString("Type");
        if (type is not null && !OfficialEmulatorLimits.LoggingTypes.Contains(type.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase))
        {
            diagnostics.Warn(ConfigJsonPath.Property(userConfig.PathOf("Logging"), "Type"),
                $"Logging.Type \"{type}\" is not one of {string.Join(", ", OfficialEmulatorLimits.LoggingTypes.Select(t => $"\"{t}\""))}; the official emulator would refuse it, this emulator ignores it");
        }

        return type;
    }

    private EmulatorTopology ReadNamespaces(ConfigObject userConfig)
    {
        if (!userConfig.Has("Namespaces"))
        {
            diagnostics.Error(userConfig.PathOf("Namespaces"), "missing Namespaces; exactly one namespace is needed");
            return new EmulatorTopology();
        }

        var namespaces = userConfig.GetArray("Namespaces");
        if (namespaces.Count == 0)
        {
            if (userConfig.TryGet("Namespaces", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                diagnostics.Error(userConfig.PathOf("Namespaces"), "exactly one namespace is needed, found none");
            }

            return new EmulatorTopology();
        }

        for (var extra = 1; extra < namespaces.Count; extra++)
        {
            diagnostics.Error(namespaces[extra].Path, $"exactly one namespace is supported, found {namespaces.Count}");
        }

        return ReadNamespace(namespaces[0].Item, namespaces[0].Path);
    }

    private EmulatorTopology ReadNamespace(JsonElement element, string path)
    {
        var ns = ConfigObject.Read(element, path, diagnostics, NamespaceNames);
        if (ns is null)
        {
            return new EmulatorTopology();
        }

        var name = ns.GetRequiredString("Name");
        if (name is not null && name != OfficialEmulatorLimits.NamespaceName)
        {
            diagnostics.Warn(ns.PathOf("Name"), $"namespace \"{name}\" is not \"{OfficialEmulatorLimits.NamespaceName}\", the only name the official emulator accepts; this emulator serves it under the connection string's host either way");
        }

        var queueElements = ns.GetArray("Queues");
        var topicElements = ns.GetArray("Topics");
        CollectForwardTargets(queueElements);
        CollectForwardTargets(topicElements);

        var queues = queueElements.Select(q => ReadQueue(q.Item, q.Path)).OfType<QueueDefinition>().ToArray();
        var topics = topicElements.Select(t => ReadTopic(t.Item, t.Path)).OfType<TopicDefinition>().ToArray();

        if (queueElements.Count + topicElements.Count > OfficialEmulatorLimits.MaxQueuesAndTopics)
        {
            diagnostics.WarnOutsideOfficialRange(path,
                $"{queueElements.Count + topicElements.Count} queues and topics are more than the official emulator's {OfficialEmulatorLimits.MaxQueuesAndTopics}");
        }

        return new EmulatorTopology { NamespaceName = name ?? OfficialEmulatorLimits.NamespaceName, Queues = queues, Topics = topics };
    }

    private void CollectForwardTargets(IReadOnlyList<(JsonElement Item, string Path)> entities)
    {
        foreach (var (item, _) in entities)
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("Name", out var name)
                && name.ValueKind == JsonValueKind.String
                && name.GetString() is { Length: > 0 } text)
            {
                forwardTargets.TryAdd(text, text);
            }
        }
    }

    private QueueDefinition? ReadQueue(JsonElement element, string path)
    {
        var queue = ConfigObject.Read(element, path, diagnostics, QueueNames);
        if (queue is null)
        {
            return null;
        }

        var name = ReadEntityName(queue, "queue");
        var properties = queue.GetObject("Properties", QueuePropertyNames);
        if (properties is null)
        {
            return new QueueDefinition { Name = name ?? string.Empty };
        }

        var settings = ReadEntitySettings(properties, OfficialEmulatorLimits.QueueLockDuration, name, "a queue cannot forward to itself", "a queue cannot forward its dead letters to itself");
        return new QueueDefinition(settings)
        {
            Name = name ?? string.Empty,
            DuplicateDetectionHistoryTimeWindow = ReadDuration(properties, "DuplicateDetectionHistoryTimeWindow", OfficialEmulatorLimits.DuplicateDetectionHistoryTimeWindow) ?? settings.DuplicateDetectionHistoryTimeWindow,
            RequiresDuplicateDetection = properties.GetBoolean("RequiresDuplicateDetection") ?? settings.RequiresDuplicateDetection,
            MaxSizeInMegabytes = ReadMaxSize(properties) ?? EntityDefaults.MaxSizeInMegabytes,
        };
    }

    private TopicDefinition? ReadTopic(JsonElement element, string path)
    {
        var topic = ConfigObject.Read(element, path, diagnostics, TopicNames);
        if (topic is null)
        {
            return null;
        }

        var name = ReadEntityName(topic, "topic");
        var definition = new TopicDefinition { Name = name ?? string.Empty };
        var properties = topic.GetObject("Properties", TopicPropertyNames);
        if (properties is not null)
        {
            definition = definition with
            {
                DefaultMessageTimeToLive = ReadDuration(properties, "DefaultMessageTimeToLive", OfficialEmulatorLimits.MessageTimeToLive) ?? definition.DefaultMessageTimeToLive,
                DuplicateDetectionHistoryTimeWindow = ReadDuration(properties, "DuplicateDetectionHistoryTimeWindow", OfficialEmulatorLimits.DuplicateDetectionHistoryTimeWindow) ?? definition.DuplicateDetectionHistoryTimeWindow,
                RequiresDuplicateDetection = properties.GetBoolean("RequiresDuplicateDetection") ?? definition.RequiresDuplicateDetection,
                MaxSizeInMegabytes = ReadMaxSize(properties) ?? definition.MaxSizeInMegabytes,
            };
        }

        var subscriptionElements = topic.GetArray("Subscriptions");
        if (subscriptionElements.Count == 0)
        {
            diagnostics.WarnOutsideOfficialRange(topic.PathOf("Subscriptions"), "a topic without subscriptions");
        }
        else if (subscriptionElements.Count > OfficialEmulatorLimits.MaxSubscriptionsPerTopic)
        {
            diagnostics.WarnOutsideOfficialRange(topic.PathOf("Subscriptions"),
                $"{subscriptionElements.Count} subscriptions are more than the official emulator's {OfficialEmulatorLimits.MaxSubscriptionsPerTopic} per topic");
        }

        var subscriptionDeclarations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var subscriptions = subscriptionElements
            .Select(s => ReadSubscription(s.Item, s.Path, name, subscriptionDeclarations))
            .OfType<SubscriptionDefinition>()
            .ToArray();
        return definition with { Subscriptions = subscriptions };
    }

    private SubscriptionDefinition? ReadSubscription(JsonElement element, string path, string? topicName, Dictionary<string, string> declarations)
    {
        var subscription = ConfigObject.Read(element, path, diagnostics, SubscriptionNames);
        if (subscription is null)
        {
            return null;
        }

        var name = subscription.GetRequiredString("Name");
        if (name is not null)
        {
            CheckName(subscription, name, EntityNameRules.CheckSubscriptionOrRuleName(name), "subscription", declarations);
        }

        var properties = subscription.GetObject("Properties", SubscriptionPropertyNames);
        var settings = properties is null
            ? new EntitySettings()
            : ReadEntitySettings(
                properties,
                OfficialEmulatorLimits.SubscriptionLockDuration,
                topicName,
                "a subscription cannot forward to its own topic (every message would come back to it)",
                "a subscription cannot forward its dead letters to its own topic");
        var definition = new SubscriptionDefinition(settings) { Name = name ?? string.Empty };

        var ruleDeclarations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rules = new List<RuleDefinition>();
        foreach (var (item, rulePath) in subscription.GetArray("Rules"))
        {
            var rule = RuleReader.Read(item, rulePath, diagnostics);
            if (rule is null)
            {
                continue;
            }

            if (rule.Name.Length > 0 && !ruleDeclarations.TryAdd(rule.Name, rulePath))
            {
                diagnostics.Error(ConfigJsonPath.Property(rulePath, "Name"), $"duplicate rule name '{rule.Name}' (also declared at {ruleDeclarations[rule.Name]})");
            }

            rules.Add(rule);
        }

        return definition with { Rules = rules };
    }

    /// <summary>The Properties a queue and a subscription share; <paramref name="ownEntity"/> is what they must not forward to.</summary>
    private EntitySettings ReadEntitySettings(
        ConfigObject properties, OfficialEmulatorLimits.DurationRange lockRange, string? ownEntity, string selfForwardProblem, string selfDeadLetterForwardProblem)
    {
        var defaults = new EntitySettings();
        return new EntitySettings
        {
            DeadLetteringOnMessageExpiration = properties.GetBoolean("DeadLetteringOnMessageExpiration") ?? defaults.DeadLetteringOnMessageExpiration,
            DefaultMessageTimeToLive = ReadDuration(properties, "DefaultMessageTimeToLive", OfficialEmulatorLimits.MessageTimeToLive) ?? defaults.DefaultMessageTimeToLive,
            ForwardDeadLetteredMessagesTo = ReadForwardTarget(properties, "ForwardDeadLetteredMessagesTo", ownEntity, selfDeadLetterForwardProblem),
            ForwardTo = ReadForwardTarget(properties, "ForwardTo", ownEntity, selfForwardProblem),
            LockDuration = ReadDuration(properties, "LockDuration", lockRange) ?? defaults.LockDuration,
            MaxDeliveryCount = ReadMaxDeliveryCount(properties) ?? defaults.MaxDeliveryCount,
            RequiresSession = properties.GetBoolean("RequiresSession") ?? defaults.RequiresSession,
        };
    }

    private string? ReadEntityName(ConfigObject entity, string kind)
    {
        var name = entity.GetRequiredString("Name");
        if (name is not null)
        {
            CheckName(entity, name, EntityNameRules.CheckEntityPath(name), kind, entityDeclarations);
        }

        return name;
    }

    private void CheckName(ConfigObject entity, string name, string? problem, string kind, Dictionary<string, string> declarations)
    {
        if (problem is not null)
        {
            diagnostics.Error(entity.PathOf("Name"), $"invalid {kind} name: {problem}");
        }
        else if (!declarations.TryAdd(name, entity.Path))
        {
            diagnostics.Error(entity.PathOf("Name"), $"duplicate {kind} name '{name}' (also declared at {declarations[name]}; names are case-insensitive)");
        }
    }

    private TimeSpan? ReadDuration(ConfigObject properties, string name, OfficialEmulatorLimits.DurationRange officialRange)
    {
        var value = properties.GetPositiveDuration(name);
        if (value is { } duration && !officialRange.Contains(duration))
        {
            diagnostics.WarnOutsideOfficialRange(properties.PathOf(name),
                $"{name} {Iso8601Duration.Format(duration)} is outside the official emulator's range {officialRange}");
        }

        return value;
    }

    // Not in the official emulator's schema; the service's size quota, enforced here.
    private int? ReadMaxSize(ConfigObject properties)
    {
        var value = properties.GetInt32("MaxSizeInMegabytes");
        if (value < 1)
        {
            diagnostics.Error(properties.PathOf("MaxSizeInMegabytes"), $"MaxSizeInMegabytes must be at least 1, found {value}");
            return null;
        }

        return value;
    }

    private int? ReadMaxDeliveryCount(ConfigObject properties)
    {
        var value = properties.GetInt32("MaxDeliveryCount");
        if (value < OfficialEmulatorLimits.MinMaxDeliveryCount)
        {
            diagnostics.Error(properties.PathOf("MaxDeliveryCount"), $"MaxDeliveryCount must be at least 1, found {value}");
            return null;
        }

        if (value > OfficialEmulatorLimits.MaxMaxDeliveryCount)
        {
            diagnostics.WarnOutsideOfficialRange(properties.PathOf("MaxDeliveryCount"),
                $"MaxDeliveryCount {value} is more than the official emulator's maximum of {OfficialEmulatorLimits.MaxMaxDeliveryCount}");
        }

        return value;
    }

    /// <summary>The declared name of the queue or topic that <paramref name="name"/> forwards to; null when not forwarding ("" or absent).</summary>
    private string? ReadForwardTarget(ConfigObject properties, string name, string? ownEntity, string selfForwardProblem)
    {
        var target = properties.GetString(name);
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        var path = properties.PathOf(name);
        if (!forwardTargets.TryGetValue(target, out var declared))
        {
            diagnostics.Error(path, $"{name} names '{target}', which is no queue or topic in this namespace");
            return null;
        }

        if (ownEntity is not null && string.Equals(declared, ownEntity, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Error(path, selfForwardProblem);
            return null;
        }

        return declared;
    }
}
