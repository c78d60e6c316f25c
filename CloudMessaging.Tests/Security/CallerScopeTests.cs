using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudMessaging.Tests.Security;

/// <summary>Idempotency keys belong to their caller; limits and headers hold per caller.</summary>
[Collection(SecuredAppHostCollection.Name)]
public sealed class CallerScopeTests(SecuredAppHostFixture fixture)
{
    [Fact]
    public async Task The_same_Idempotency_Key_of_two_callers_names_two_jobs()
    {
        var key = Guid.NewGuid().ToString("N");
        var (aliceFirst, _) = await SubmitAsync("alice", key);
        var (aliceAgain, replayed) = await SubmitAsync("alice", key);
        var (bob, bobReplayed) = await SubmitAsync("bob", key);

        Assert.Equal(aliceFirst, aliceAgain);
        Assert.True(replayed);
        Assert.NotEqual(aliceFirst, bob);
        Assert.False(bobReplayed);
    }

    [Fact]
    public async Task A_second_event_stream_of_one_caller_is_limited_with_Retry_After()
    {
        var (jobId, _) = await SubmitAsync("streamer", Guid.NewGuid().ToString("N"), durationMs: 30_000);
        using var first = fixture.Request(HttpMethod.Get, $"/api/jobs/{jobId}/events", "streamer", "user");
        using var open = await fixture.Api.SendAsync(first, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        using var second = fixture.Request(HttpMethod.Get, $"/api/jobs/{jobId}/events", "streamer", "user");
        using var limited = await fixture.Api.SendAsync(second);
        await AuthenticationTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another caller has a limit of its own.
        using var other = fixture.Request(HttpMethod.Get, $"/api/jobs/{jobId}/events", "watcher", "user");
        using var otherStream = await fixture.Api.SendAsync(other, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, otherStream.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/work/stats")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await fixture.Api.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    private async Task<(string JobId, bool Replayed)> SubmitAsync(string caller, string key, int durationMs = 0)
    {
        using var request = fixture.Request(HttpMethod.Post, "/api/jobs", caller, "user");
        request.Headers.Add("Idempotency-Key", key);
        request.Content = JsonContent.Create(new { kind = "noop", durationMs });
        using var response = await fixture.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetString()!, response.Headers.Contains("Idempotent-Replayed"));
    }
}
