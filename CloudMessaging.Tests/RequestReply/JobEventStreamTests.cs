using System.Net;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

[Collection(AppHostCollection.Name)]
public sealed class JobEventStreamTests(AppHostFixture fixture) : IDisposable
{
    private static readonly string[] Order = ["Queued", "Running", "Succeeded"];

    private readonly JobApi _api = new(fixture);

    [Fact]
    public async Task Server_sent_events_deliver_the_transitions_in_order_and_end_at_the_final_state()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "report", input = new { values = new[] { 3, 1, 2 } }, durationMs = 1500 });

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _api.Http.GetAsync($"/api/jobs/{job.Id}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        // Reads to the end: the server closes the stream once the job is final.
        var events = await JobStatusEvents.ReadAsync(await response.Content.ReadAsStreamAsync(cts.Token), cts.Token);

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("status", e.Type));
        var statuses = events.Select(e => e.Data.Status).ToList();
        Assert.Equal("Succeeded", statuses[^1]);
        Assert.Contains("Running", statuses);
        Assert.Equal(statuses.OrderBy(s => Array.IndexOf(Order, s)), statuses);
        var versions = events.Select(e => e.Data.Version).ToList();
        Assert.Equal(versions.Distinct().Order(), versions);
        var running = events.Where(e => e.Data.Status == "Running").Select(e => e.Data.Progress).ToList();
        Assert.Equal(running.Order(), running);
        Assert.True(running.Distinct().Count() >= 2, $"progress events: {string.Join(", ", running)}");
    }

    [Fact]
    public async Task The_stream_of_a_cancelled_job_ends_with_Cancelled()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "noop", durationMs = 30_000 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _api.Http.GetAsync($"/api/jobs/{job.Id}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var reading = JobStatusEvents.ReadAsync(await response.Content.ReadAsStreamAsync(cts.Token), cts.Token);

        using var cancel = await _api.Http.DeleteAsync($"/api/jobs/{job.Id}", cts.Token);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var events = await reading;
        Assert.Equal("Cancelled", events[^1].Data.Status);
    }

    public void Dispose() => _api.Dispose();
}
