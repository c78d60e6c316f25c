using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// Reads the emulator's Config.json independently of the Bicep mapping, applying the emulator's defaults for
/// properties left out (CloudMessaging.ServiceBusEmulator/Configuration/EntityDefaults.cs), and names each
/// property as ARM does. The Azure side must produce exactly these entities.
/// </summary>
internal static class LocalTopology
{
    private const string DefaultLockDuration = "PT1M";
    private const int DefaultMaxDeliveryCount = 3;
    private const string DefaultDuplicateDetectionWindow = "PT20S";

    // infra/servicebus-topology.bicep bounds every queue and topic at 1 GB unless Config.json names a size.
    private const int DefaultMaxSizeInMegabytes = 1024;
    private static readonly string UnboundedTimeToLive = Durations.Normalize(TimeSpan.MaxValue);

    public static IReadOnlyList<ServiceBusEntity> Read(string configJsonPath)
    {
        var config = JsonNode.Parse(File.ReadAllText(configJsonPath))!;
        var ns = Assert.Single(config["UserConfig"]!["Namespaces"]!.AsArray())!;
        var entities = new List<ServiceBusEntity>();

        foreach (var queue in ns["Queues"]?.AsArray() ?? [])
        {
            var p = queue!["Properties"] as JsonObject ?? [];
            var properties = Common(p);
            properties["duplicateDetectionHistoryTimeWindow"] = Durations.Normalize((string?)p["DuplicateDetectionHistoryTimeWindow"] ?? DefaultDuplicateDetectionWindow);
            properties["requiresDuplicateDetection"] = Bool(p, "RequiresDuplicateDetection");
            properties["maxSizeInMegabytes"] = MaxSize(p);
            entities.Add(new("queue", (string)queue["Name"]!, properties));
        }

        foreach (var topic in ns["Topics"]?.AsArray() ?? [])
        {
            var topicName = (string)topic!["Name"]!;
            var p = topic["Properties"] as JsonObject ?? [];
            entities.Add(new("topic", topicName, new Dictionary<string, string>
            {
                ["defaultMessageTimeToLive"] = TimeToLive(p),
                ["duplicateDetectionHistoryTimeWindow"] = Durations.Normalize((string?)p["DuplicateDetectionHistoryTimeWindow"] ?? DefaultDuplicateDetectionWindow),
                ["requiresDuplicateDetection"] = Bool(p, "RequiresDuplicateDetection"),
                ["maxSizeInMegabytes"] = MaxSize(p),
            }));

            foreach (var subscription in topic["Subscriptions"]?.AsArray() ?? [])
            {
                var subscriptionPath = $"{topicName}/{(string)subscription!["Name"]!}";
                entities.Add(new("subscription", subscriptionPath, Common(subscription["Properties"] as JsonObject ?? [])));
                foreach (var rule in subscription["Rules"]?.AsArray() ?? [])
                {
                    entities.Add(new("rule", $"{subscriptionPath}/{(string)rule!["Name"]!}", Rule(rule["Properties"]!.AsObject())));
                }
            }
        }

        return entities;
    }

    /// <summary>Properties queues and subscriptions share.</summary>
    private static Dictionary<string, string> Common(JsonObject p)
    {
        var properties = new Dictionary<string, string>
        {
            ["deadLetteringOnMessageExpiration"] = Bool(p, "DeadLetteringOnMessageExpiration"),
            ["defaultMessageTimeToLive"] = TimeToLive(p),
            ["lockDuration"] = Durations.Normalize((string?)p["LockDuration"] ?? DefaultLockDuration),
            ["maxDeliveryCount"] = ((int?)p["MaxDeliveryCount"] ?? DefaultMaxDeliveryCount).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["requiresSession"] = Bool(p, "RequiresSession"),
        };
        foreach (var (local, arm) in new[] { ("ForwardTo", "forwardTo"), ("ForwardDeadLetteredMessagesTo", "forwardDeadLetteredMessagesTo") })
        {
            if ((string?)p[local] is { Length: > 0 } target)
            {
                properties[arm] = target;
            }
        }

        return properties;
    }

    private static Dictionary<string, string> Rule(JsonObject p)
    {
        var properties = new Dictionary<string, string>();
        switch ((string?)p["FilterType"])
        {
            case "Sql":
                properties["filterType"] = "SqlFilter";
                properties["sqlFilter.sqlExpression"] = (string)p["SqlFilter"]!["SqlExpression"]!;
                break;
            case "Correlation":
                properties["filterType"] = "CorrelationFilter";
                foreach (var (name, value) in p["CorrelationFilter"]!.AsObject())
                {
                    if (name == "Properties")
                    {
                        foreach (var (key, propertyValue) in value!.AsObject())
                        {
                            properties[$"correlationFilter.properties.{key}"] = propertyValue!.ToJsonString();
                        }
                    }
                    else
                    {
                        properties[$"correlationFilter.{char.ToLowerInvariant(name[0])}{name[1..]}"] = (string)value!;
                    }
                }

                break;
            default:
                throw new InvalidDataException($"Unknown FilterType '{p["FilterType"]}'.");
        }

        if (p["Action"]?["SqlExpression"] is { } action)
        {
            properties["action.sqlExpression"] = (string)action!;
        }

        return properties;
    }

    private static string TimeToLive(JsonObject p) =>
        (string?)p["DefaultMessageTimeToLive"] is { } ttl ? Durations.Normalize(ttl) : UnboundedTimeToLive;

    private static string Bool(JsonObject p, string name) => ((bool?)p[name] ?? false) ? "true" : "false";

    private static string MaxSize(JsonObject p) =>
        ((int?)p["MaxSizeInMegabytes"] ?? DefaultMaxSizeInMegabytes).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
