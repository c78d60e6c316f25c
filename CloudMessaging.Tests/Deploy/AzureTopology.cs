using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// The Service Bus entities in a bicep deployment snapshot (the resources ARM would create, loops and functions
/// evaluated), flattened into the same shape as <see cref="LocalTopology"/>.
/// </summary>
internal static class AzureTopology
{
    private const string Namespaces = "Microsoft.ServiceBus/namespaces";

    private static readonly Dictionary<string, string> Kinds = new()
    {
        [$"{Namespaces}/queues"] = "queue",
        [$"{Namespaces}/topics"] = "topic",
        [$"{Namespaces}/topics/subscriptions"] = "subscription",
        [$"{Namespaces}/topics/subscriptions/rules"] = "rule",
    };

    public static IReadOnlyList<ServiceBusEntity> Read(JsonNode snapshot)
    {
        var entities = new List<ServiceBusEntity>();
        foreach (var resource in snapshot["predictedResources"]!.AsArray())
        {
            if (!Kinds.TryGetValue((string)resource!["type"]!, out var kind))
            {
                continue;
            }

            // "<namespace>/orders/fraud/high-risk": the namespace name differs per environment, the rest is the entity path.
            var name = (string)resource["name"]!;
            var path = name[(name.IndexOf('/') + 1)..];
            var properties = new Dictionary<string, string>();
            Flatten(resource["properties"], prefix: "", properties);
            entities.Add(new(kind, path, properties));
        }

        return entities;
    }

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, string> into)
    {
        switch (node)
        {
            case null:
                break;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}", into);
                }

                break;
            case JsonValue value when prefix.StartsWith("correlationFilter.properties.", StringComparison.Ordinal):
                into[prefix] = value.ToJsonString();
                break;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                into[prefix] = flag ? "true" : "false";
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                into[prefix] = IsDuration(prefix) ? Durations.Normalize(text) : text;
                break;
            default:
                into[prefix] = node.ToJsonString();
                break;
        }
    }

    private static bool IsDuration(string property) =>
        property is "lockDuration" or "defaultMessageTimeToLive" or "duplicateDetectionHistoryTimeWindow";
}
