using System.Net;
using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Foundation;

[Collection(AppHostCollection.Name)]
public sealed class AppHostTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Every_resource_reports_healthy()
    {
        // The fixture waited for health at start; here each must still be healthy (replicas included) now.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var resource in AppHostFixture.HealthCheckedResources)
        {
            var state = await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task Api_answers_health_and_alive()
    {
        using var health = await fixture.Api.GetAsync("/health");
        using var alive = await fixture.Api.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public void Api_port_is_randomized_in_tests()
    {
        Assert.NotEqual(5080, fixture.Api.BaseAddress!.Port);
    }

    [Fact]
    public async Task Root_lists_the_patterns_and_their_endpoints()
    {
        var catalog = await fixture.Api.GetFromJsonAsync<Catalog>("/");

        Assert.NotNull(catalog);
        var diagnostics = Assert.Single(catalog.Patterns, p => p.Name == "Diagnostics");
        Assert.Contains(diagnostics.Endpoints, e => e.Method == "POST" && e.Route == "/api/smoke");
    }

    [Fact]
    public async Task A_smoke_message_reaches_a_worker_replica_and_is_reported_back()
    {
        using var sent = await fixture.Api.PostAsync("/api/smoke", content: null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var location = sent.Headers.Location;
        Assert.NotNull(location);

        var handled = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await fixture.Api.GetAsync(location);
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<SmokeStatus>() : null;
            },
            TimeSpan.FromSeconds(60),
            "a worker replica to record the smoke message");

        Assert.Equal("Handled", handled.Status);
        Assert.False(string.IsNullOrWhiteSpace(handled.HandledBy));
    }

    private sealed record Catalog(string Name, IReadOnlyList<Pattern> Patterns);

    private sealed record Pattern(string Name, IReadOnlyList<Endpoint> Endpoints);

    private sealed record Endpoint(string Method, string Route, string? Summary);

    private sealed record SmokeStatus(string Id, string Status, string? HandledBy);
}
