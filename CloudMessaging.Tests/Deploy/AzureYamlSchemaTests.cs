using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CloudMessaging.Tests.Deploy;

/// <summary>azure.yaml is valid against azd's published schema (a copy in infra/schemas, so no network is needed).</summary>
public sealed class AzureYamlSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    [Fact]
    public void Azure_yaml_is_valid_against_the_azd_schema()
    {
        var errors = Validate(File.ReadAllText(DeployPaths.AzureYaml));

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Azure_yaml_deploys_api_and_workers_as_dotnet_container_apps_with_our_bicep()
    {
        var yaml = YamlToJson.Convert(File.ReadAllText(DeployPaths.AzureYaml))!;

        Assert.Equal("bicep", (string?)yaml["infra"]?["provider"]);
        Assert.Equal("infra", (string?)yaml["infra"]?["path"]);
        Assert.Equal("main", (string?)yaml["infra"]?["module"]);
        Assert.True(File.Exists(Path.Combine(DeployPaths.Infra, "main.bicep")));
        Assert.Equal(["api", "workers"], yaml["services"]!.AsObject().Select(service => service.Key).Order());
        foreach (var (name, service) in yaml["services"]!.AsObject())
        {
            Assert.Equal("dotnet", (string?)service!["language"]);
            Assert.Equal("containerapp", (string?)service["host"]);
            // A string, not a date: without it azd redeploys through an older API that can drop the KEDA rule identity.
            Assert.Equal("2025-07-01", (string?)service["apiVersion"]);
            var project = Path.GetFullPath(Path.Combine(DeployPaths.RepositoryRoot, (string)service["project"]!));
            Assert.True(File.Exists(project), $"{name}: {project} does not exist");
        }
    }

    [Theory]
    [InlineData("name: cloudmessaging", "name: CloudMessaging")]
    [InlineData("apiVersion: \"2025-07-01\"", "apiVersion: 20250701")]
    [InlineData("  provider: bicep", "  provider: Bicep")]
    public void The_schema_check_rejects_a_broken_azure_yaml(string original, string broken)
    {
        var yaml = File.ReadAllText(DeployPaths.AzureYaml);
        Assert.Contains(original, yaml);

        Assert.NotEmpty(Validate(yaml.Replace(original, broken)));
    }

    private static List<string> Validate(string yaml)
    {
        var instance = JsonSerializer.SerializeToElement(YamlToJson.Convert(yaml));
        var results = Schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : (results.Details ?? [])
                .Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} ({detail.EvaluationPath}): {error.Value}"))
                .DefaultIfEmpty("invalid, without details")
                .ToList();
    }

    private static JsonSchema LoadSchema()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schemaText = File.ReadAllText(DeployPaths.AzureYamlSchema);

        // The schema points at extension schemas (AI agents, projects...) behind `if host == ...` branches this
        // project never takes. Offline they are stand-ins that accept anything, registered before the build resolves them.
        foreach (var remote in RemoteReferences(JsonNode.Parse(schemaText)!).Distinct())
        {
            var standIn = $$"""{ "$schema": "https://json-schema.org/draft/2019-09/schema", "$id": "{{remote}}" }""";
            JsonSchema.FromText(standIn, options, new Uri(remote));
        }

        return JsonSchema.FromText(schemaText, options);
    }

    private static IEnumerable<string> RemoteReferences(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(property =>
            property is { Key: "$ref", Value: JsonValue reference } && ((string)reference!).Split('#')[0] is { Length: > 0 } uri
                ? [uri]
                : property.Value is null ? [] : RemoteReferences(property.Value)),
        JsonArray array => array.OfType<JsonNode>().SelectMany(RemoteReferences),
        _ => [],
    };
}
