using System.Net;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

/// <summary>
/// A quiet event stream sends SSE comments so an idle timeout in a proxy does not cut it. The test AppHost sets the
/// keep-alive to half a second; a job whose ten steps take seconds each leaves the stream quiet for longer than that.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobEventStreamKeepAliveTests(AppHostFixture fixture) : IDisposable
{
    private readonly JobApi _api = new(fixture);

    [Fact]
    public async Task A_quiet_stream_sends_keep_alive_comments_between_the_status_events()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "noop", durationMs = 60_000 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _api.Http.GetAsync($"/api/jobs/{job.Id}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        // Raw lines up to the first comment: it must come while the job is still running.
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            lines.Add(line);
            if (line.StartsWith(':'))
            {
                break;
            }
        }

        Assert.True(lines.Count > 0 && lines[^1].StartsWith(':'), $"the stream ended without a comment: {string.Join(" | ", lines)}");
        Assert.DoesNotContain(StatusesIn(lines), s => s is "Succeeded" or "Failed" or "Cancelled");

        // End the job; the rest of the stream still carries every status in version order and closes at the final one.
        using var cancel = await _api.Http.DeleteAsync($"/api/jobs/{job.Id}", cts.Token);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            lines.Add(line);
        }

        var events = JobStatusEvents.Parse(lines);
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("status", e.Type));
        Assert.Equal("Cancelled", events[^1].Data.Status);
        var versions = events.Select(e => e.Data.Version).ToList();
        Assert.Equal(versions.Distinct().Order(), versions);
        Assert.All(events, e => Assert.Equal(e.Data.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Id));
    }

    private static IEnumerable<string> StatusesIn(List<string> lines) => JobStatusEvents.Parse(lines).Select(e => e.Data.Status);

    public void Dispose() => _api.Dispose();
}
