using System.Diagnostics;
using System.Net;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace CloudMessaging.Tests.Security;

/// <summary>
/// With Garnet or the Service Bus emulator stopped under the running API, the endpoints that need it answer 503 with
/// Retry-After within a bounded time, and none answers 500; after a restart they work again.
/// </summary>
[Collection(SecuredAppHostCollection.Name)]
public sealed class DependencyOutageTests(SecuredAppHostFixture fixture)
{
    // The SDK's bounded tries (5 s, one retry) or Redis' immediate "no connection", well inside the request timeout.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(2);

    private const string Job = """{ "kind": "noop" }""";
    private const string Order = """{ "customerId": "c-1", "items": [{ "productId": "widget", "quantity": 1 }], "amount": 10 }""";

    [Fact]
    public async Task Redis_down_answers_503_with_Retry_After()
    {
        await WhileStoppedAsync("redis-garnet", async () =>
        {
            await AssertUnavailableAsync(HttpMethod.Get, "/api/jobs/00000000000000000000000000000000");
            await AssertUnavailableAsync(HttpMethod.Post, "/api/jobs", Job);
            await AssertUnavailableAsync(HttpMethod.Get, "/api/smoke/x");
            await AssertUnavailableAsync(HttpMethod.Get, "/api/documents/x");
            await AssertUnavailableAsync(HttpMethod.Get, "/api/tasks/x");
            await AssertUnavailableAsync(HttpMethod.Get, "/api/orders/00000000000000000000000000000001");
            await AssertUnavailableAsync(HttpMethod.Get, "/api/inventory");
            await AssertUnavailableAsync(HttpMethod.Get, "/api/work/x");
            await AssertUnavailableAsync(HttpMethod.Get, "/api/work/stats");
            await AssertUnavailableAsync(HttpMethod.Get, "/api/subscribers/billing");
        });
    }

    [Fact]
    public async Task Service_Bus_down_answers_503_with_Retry_After()
    {
        await WhileStoppedAsync("servicebus-emulator", async () =>
        {
            await AssertUnavailableAsync(HttpMethod.Post, "/api/jobs", Job);
            await AssertUnavailableAsync(HttpMethod.Post, "/api/smoke");
            await AssertUnavailableAsync(HttpMethod.Post, "/api/work", "{}");
            await AssertUnavailableAsync(HttpMethod.Post, "/api/orders", Order);
            await AssertUnavailableAsync(HttpMethod.Get, "/api/deadletters/work");
            await AssertUnavailableAsync(HttpMethod.Post, "/api/orders/events", """{ "type": "OrderPlaced", "data": { "orderId": "o-1", "customerId": "c-1", "total": 10, "country": "NL", "customerTier": "standard" } }""");
        });
    }

    private async Task AssertUnavailableAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = fixture.Request(method, path, "olivia", "operator");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var stopwatch = Stopwatch.StartNew();
        using var response = await fixture.Api.SendAsync(request);
        stopwatch.Stop();

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {path}: {(int)response.StatusCode} {text}");
        Assert.True(stopwatch.Elapsed < Bound, $"{method} {path} took {stopwatch.Elapsed}");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task WhileStoppedAsync(string resource, Func<Task> assertions)
    {
        var app = fixture.App;
        await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        using (var stopped = new CancellationTokenSource(RestartTimeout))
        {
            await app.ResourceNotifications.WaitForResourceAsync(resource, state => state.Snapshot.State?.Text is not (null or "Running" or "Starting"), stopped.Token);
        }

        try
        {
            await assertions();
        }
        finally
        {
            await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
            using var healthy = new CancellationTokenSource(RestartTimeout);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, healthy.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("api", healthy.Token);
        }
    }
}
