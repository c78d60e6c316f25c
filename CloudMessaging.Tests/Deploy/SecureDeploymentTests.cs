using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// The deployment as issue 21 asks for it: one identity per app with Service Bus rights on the entities its code
/// uses (never the namespace), blobs at container scope, probes on both apps, Entra ID settings on the API with fault
/// injection off, Redis that never evicts, and queues with a size bound and a time to live.
/// </summary>
public sealed class SecureDeploymentTests
{
    private const string Sender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string Receiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string Owner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string BlobContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private static readonly string UnboundedTimeToLive = Durations.Normalize(TimeSpan.MaxValue);

    private static async Task<JsonNode> SnapshotAsync() => await BicepSnapshot.CreateAsync(DeployPaths.LocalTopology);

    [Fact]
    public async Task Only_the_scaler_holds_a_namespace_wide_role_and_no_app_is_owner()
    {
        var serviceBus = RoleAssignment.Read(await SnapshotAsync()).Where(a => a.IsServiceBus).ToList();

        var namespaceWide = Assert.Single(serviceBus, a => a.ServiceBusEntity.Length == 0);
        Assert.Equal(("scaler", Owner), (namespaceWide.Identity, namespaceWide.RoleId));
        Assert.DoesNotContain(serviceBus, a => a.Identity is "api" or "workers" && a.RoleId == Owner);
        Assert.All(serviceBus, a => Assert.Contains(a.Identity, new[] { "api", "workers", "scaler" }));
    }

    [Fact]
    public async Task The_api_sends_to_the_queues_and_the_topic_and_receives_where_it_peeks_replays_and_manages_rules()
    {
        var api = RoleAssignment.Read(await SnapshotAsync()).Where(a => a is { Identity: "api", IsServiceBus: true }).ToList();
        var queues = LocalTopology.Read(DeployPaths.LocalTopology).Where(e => e.Kind == "queue").Select(e => $"queues/{e.Path}").ToHashSet();
        var subscriptions = LocalTopology.Read(DeployPaths.LocalTopology).Where(e => e.Kind == "subscription").Select(e => $"topics/{e.Path.Replace("/", "/subscriptions/", StringComparison.Ordinal)}").ToHashSet();

        Assert.Equal(Sorted([.. queues, "topics/orders"]), Entities(api, Sender));
        Assert.Equal(Sorted([.. queues, .. subscriptions]), Entities(api, Receiver));
    }

    [Fact]
    public async Task The_workers_receive_what_they_consume_and_send_only_where_they_reply_command_escalate_and_publish()
    {
        var workers = RoleAssignment.Read(await SnapshotAsync()).Where(a => a is { Identity: "workers", IsServiceBus: true }).ToList();

        Assert.Equal(
            Sorted(["queues/replies", "queues/saga", "queues/inventory", "queues/payment", "queues/shipping-commands", "queues/tasks-high", "queues/tasks-normal", "topics/orders"]),
            Entities(workers, Sender));
        var receives = Entities(workers, Receiver);
        Assert.DoesNotContain("queues/replies", receives);
        Assert.Contains("queues/jobs", receives);
        Assert.Contains("topics/orders/subscriptions/billing", receives);
        Assert.DoesNotContain("queues/jobs", Entities(workers, Sender));
    }

    [Fact]
    public async Task Both_apps_use_blobs_at_the_claim_check_container_only()
    {
        var blobs = RoleAssignment.Read(await SnapshotAsync()).Where(a => a.RoleId == BlobContributor).ToList();

        Assert.Equal(["api", "workers"], blobs.Select(a => a.Identity).Order());
        Assert.All(blobs, a => Assert.EndsWith("/blobServices/default/containers/claim-checks", a.Scope, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("workers")]
    public async Task Both_apps_have_liveness_and_readiness_probes_and_their_own_identity(string app)
    {
        var container = ContainerOf(await SnapshotAsync(), app);

        var probes = container["probes"]!.AsArray().ToDictionary(p => (string)p!["type"]!, p => (string)p!["httpGet"]!["path"]!);
        Assert.Equal("/alive", probes["Liveness"]);
        Assert.Equal("/health", probes["Readiness"]);
        Assert.Contains($"userAssignedIdentities/id-{app}-", Environment(container)["AZURE_CLIENT_ID"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_requires_entra_id_tokens_and_refuses_fault_injection()
    {
        var snapshot = await SnapshotAsync();
        var api = Environment(ContainerOf(snapshot, "api"));

        Assert.Equal("true", api["Security__RequireAuthentication"]);
        Assert.Equal("api://cloudmessaging-snapshot", api["Security__Audience"]);
        Assert.Contains("tenant().tenantId", api["Security__TenantId"], StringComparison.Ordinal);
        Assert.Contains("environment().authentication.loginEndpoint", api["Security__Authority"], StringComparison.Ordinal);
        Assert.Equal("false", api["Demo__FaultInjection"]);
        Assert.DoesNotContain(Environment(ContainerOf(snapshot, "workers")).Keys, key => key.StartsWith("Security__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audience_and_tenant_come_from_the_azd_environment()
    {
        var parameters = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DeployPaths.Infra, "main.parameters.json")))!["parameters"]!;

        Assert.Equal("${AZURE_API_AUDIENCE}", (string)parameters["apiAudience"]!["value"]!);
        Assert.Equal("${AZURE_API_TENANT_ID=}", (string)parameters["apiTenantId"]!["value"]!);
    }

    [Fact]
    public async Task Redis_never_evicts_the_idempotency_records()
    {
        var database = Single(await SnapshotAsync(), "Microsoft.Cache/redisEnterprise/databases");

        Assert.Equal("NoEviction", (string)database["properties"]!["evictionPolicy"]!);
    }

    [Fact]
    public async Task Every_queue_topic_and_subscription_has_a_size_bound_or_a_time_to_live()
    {
        var entities = AzureTopology.Read(await SnapshotAsync()).Where(e => e.Kind is "queue" or "topic" or "subscription").ToList();

        Assert.NotEmpty(entities);
        Assert.All(entities.Where(e => e.Kind != "subscription"), e => Assert.Equal("1024", e.Properties["maxSizeInMegabytes"]));
        Assert.All(entities, e => Assert.NotEqual(UnboundedTimeToLive, e.Properties["defaultMessageTimeToLive"]));
    }

    private static List<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];

    private static List<string> Entities(IEnumerable<RoleAssignment> assignments, string role) =>
        [.. assignments.Where(a => a.RoleId == role).Select(a => a.ServiceBusEntity).Order(StringComparer.Ordinal)];

    private static JsonNode ContainerOf(JsonNode snapshot, string app) =>
        snapshot["predictedResources"]!.AsArray()
            .Single(r => (string?)r!["type"] == "Microsoft.App/containerApps" && ((string)r["name"]!).StartsWith($"{app}-", StringComparison.Ordinal))!
            ["properties"]!["template"]!["containers"]![0]!;

    private static Dictionary<string, string> Environment(JsonNode container) =>
        container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"] ?? $"secret:{e!["secretRef"]}");

    private static JsonNode Single(JsonNode snapshot, string type) =>
        snapshot["predictedResources"]!.AsArray().Single(r => (string?)r!["type"] == type)!;
}
