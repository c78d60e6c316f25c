using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// The Azure namespace has exactly the entities of the local emulator topology: infra/servicebus-topology.bicep
/// loads CloudMessaging.AppHost/servicebus/Config.json, and these tests evaluate the Bicep offline and compare
/// every queue, topic, subscription and rule, property by property, with an independent reading of Config.json.
/// </summary>
public sealed class ServiceBusTopologyTests
{
    /// <summary>Exercises every mapping the repository's own Config.json does not use yet.</summary>
    private const string EveryFeatureConfig = """
        {
          "UserConfig": {
            "Namespaces": [
              {
                "Name": "sbemulatorns",
                "Queues": [
                  { "Name": "defaults" },
                  { "Name": "dead-letters" },
                  {
                    "Name": "inbox",
                    "Properties": {
                      "DeadLetteringOnMessageExpiration": true, "DefaultMessageTimeToLive": "PT45M",
                      "DuplicateDetectionHistoryTimeWindow": "PT90S", "RequiresDuplicateDetection": true,
                      "LockDuration": "PT2M", "MaxDeliveryCount": 7, "RequiresSession": true,
                      "ForwardTo": "", "ForwardDeadLetteredMessagesTo": "dead-letters"
                    }
                  },
                  { "Name": "relay", "Properties": { "ForwardTo": "events" } }
                ],
                "Topics": [
                  {
                    "Name": "events",
                    "Properties": { "DefaultMessageTimeToLive": "PT30M" },
                    "Subscriptions": [
                      { "Name": "everything" },
                      {
                        "Name": "audit",
                        "Properties": { "RequiresSession": true, "LockDuration": "PT3M", "ForwardTo": "inbox" },
                        "Rules": [
                          {
                            "Name": "tagged",
                            "Properties": {
                              "FilterType": "Correlation",
                              "CorrelationFilter": { "ContentType": "application/json", "To": "audit", "Properties": { "tenant": "contoso", "priority": 3 } },
                              "Action": { "SqlExpression": "SET audited = TRUE" }
                            }
                          },
                          { "Name": "large", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "size > 100" } } }
                        ]
                      },
                      {
                        "Name": "own-default",
                        "Rules": [ { "Name": "$Default", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "1=1" } } } ]
                      }
                    ]
                  }
                ]
              }
            ],
            "Logging": { "Type": "Console" }
          }
        }
        """;

    [Fact]
    public async Task Azure_topology_equals_the_local_Config_json()
    {
        var local = LocalTopology.Read(DeployPaths.LocalTopology);
        var azure = AzureTopology.Read(await BicepSnapshot.CreateAsync(DeployPaths.LocalTopology));

        AssertSameTopology(local, azure);
        // Not a vacuous comparison: the entities the patterns rely on are there.
        Assert.Contains(local, entity => entity is { Kind: "queue", Path: "work-ordered" } && entity.Properties["requiresSession"] == "true");
        Assert.Contains(local, entity => entity is { Kind: "rule", Path: "orders/fraud/high-risk" });
        Assert.Contains(local, entity => entity is { Kind: "rule", Path: "orders/notifications/confirmed-orders" });
    }

    [Fact]
    public async Task Every_Config_json_feature_maps_onto_Azure()
    {
        var directory = Directory.CreateTempSubdirectory("config-json-");
        try
        {
            var config = Path.Combine(directory.FullName, "Config.json");
            await File.WriteAllTextAsync(config, EveryFeatureConfig);

            var local = LocalTopology.Read(config);
            var azure = AzureTopology.Read(await BicepSnapshot.CreateAsync(config));

            AssertSameTopology(local, azure);
            Assert.Equal("dead-letters", Single(azure, "inbox").Properties["forwardDeadLetteredMessagesTo"]);
            Assert.DoesNotContain("forwardTo", Single(azure, "inbox").Properties.Keys);
            Assert.Equal("3", Single(azure, "defaults").Properties["maxDeliveryCount"]);
            Assert.Equal("PT20S", Single(azure, "defaults").Properties["duplicateDetectionHistoryTimeWindow"]);
            Assert.Equal("\"contoso\"", Single(azure, "events/audit/tagged").Properties["correlationFilter.properties.tenant"]);
            Assert.Equal("3", Single(azure, "events/audit/tagged").Properties["correlationFilter.properties.priority"]);
            Assert.Equal("SET audited = TRUE", Single(azure, "events/audit/tagged").Properties["action.sqlExpression"]);
            Assert.Equal("1=1", Single(azure, "events/own-default/$Default").Properties["sqlFilter.sqlExpression"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Forwarding_queues_are_created_after_their_targets()
    {
        var directory = Directory.CreateTempSubdirectory("config-json-");
        try
        {
            var config = Path.Combine(directory.FullName, "Config.json");
            await File.WriteAllTextAsync(config, EveryFeatureConfig);
            var snapshot = await BicepSnapshot.CreateAsync(config);

            var order = snapshot["predictedResources"]!.AsArray().Select(resource => (string)resource!["name"]!).ToList();
            int Position(string suffix) => order.FindIndex(name => name.EndsWith(suffix, StringComparison.Ordinal));
            Assert.True(Position("/dead-letters") < Position("/inbox"));
            Assert.True(Position("/events") < Position("/relay"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Equal entity by entity, except that Azure gives every subscription a catch-all '$Default' rule the emulator
    /// does not have: where Config.json declares rules, the Bicep overrides '$Default' with a filter matching nothing.
    /// </summary>
    private static void AssertSameTopology(IReadOnlyList<ServiceBusEntity> local, IReadOnlyList<ServiceBusEntity> azure)
    {
        var matchNothing = azure.Where(IsMatchNothingDefault).ToList();
        var expectedMatchNothing = local
            .Where(entity => entity.Kind == "subscription")
            .Where(subscription => local.Any(rule => IsRuleOf(rule, subscription)))
            .Where(subscription => !local.Any(rule => rule.Kind == "rule" && rule.Path == $"{subscription.Path}/$Default"))
            .Select(subscription => $"{subscription.Path}/$Default")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedMatchNothing, matchNothing.Select(rule => rule.Path).Order(StringComparer.Ordinal));

        Assert.Equal(
            local.Select(entity => entity.ToString()).Order(StringComparer.Ordinal),
            azure.Except(matchNothing).Select(entity => entity.ToString()).Order(StringComparer.Ordinal));
    }

    private static bool IsRuleOf(ServiceBusEntity rule, ServiceBusEntity subscription) =>
        rule.Kind == "rule" && rule.Path.StartsWith($"{subscription.Path}/", StringComparison.Ordinal);

    private static bool IsMatchNothingDefault(ServiceBusEntity entity) =>
        entity.Kind == "rule" && entity.Path.EndsWith("/$Default", StringComparison.Ordinal)
        && entity.Properties.GetValueOrDefault("sqlFilter.sqlExpression") == "1=0";

    private static ServiceBusEntity Single(IReadOnlyList<ServiceBusEntity> entities, string path) =>
        Assert.Single(entities, entity => entity.Path == path);
}
