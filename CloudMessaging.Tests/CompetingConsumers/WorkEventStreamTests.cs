using System.Net;
using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.CompetingConsumers;

[Collection(AppHostCollection.Name)]
public sealed class WorkEventStreamTests(AppHostFixture fixture)
{
    private readonly WorkApi _work = new(fixture.Api);

    [Fact]
    public async Task A_batch_stream_shows_every_item_processed_with_the_replicas_that_did_it()
    {
        var batch = await _work.SendBatchAsync(new { count = 40, handlerMilliseconds = 5 });

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var stream = await LiveEventStream.OpenAsync(fixture.Api, $"/api/work/batches/{batch.BatchId}/events", cts.Token);
        var done = await stream.WaitForAsync(stats => stats.GetProperty("processed").GetInt64() >= 40, [], cts.Token);

        Assert.Equal("batch", done.Type);
        Assert.Equal(40, done.Data.GetProperty("itemsApplied").GetInt64());
        Assert.Equal(40, done.Data.GetProperty("processedByReplica").EnumerateObject().Sum(r => r.Value.GetInt64()));
    }

    [Fact]
    public async Task An_ordered_batch_stream_ends_when_every_key_is_done_with_no_order_violation()
    {
        using var sent = await fixture.Api.PostAsJsonAsync("/api/work/ordered", new { keys = 3, itemsPerKey = 5 });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var batch = (await sent.Content.ReadFromJsonAsync<WorkApi.OrderedAccepted>())!;

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var stream = await LiveEventStream.OpenAsync(fixture.Api, $"/api/work/ordered/{batch.BatchId}/events", cts.Token);
        var events = await stream.ReadToEndAsync(cts.Token);

        var last = Assert.IsType<LiveEventStream.Event>(events[^1]).Data;
        Assert.Equal(3, last.GetProperty("keysCompleted").GetInt32());
        Assert.Equal(15, last.GetProperty("processed").GetInt64());
        Assert.Equal(0, last.GetProperty("orderViolations").GetInt64());
    }

    [Fact]
    public async Task The_stream_of_an_unknown_batch_is_a_404_problem_naming_batchId()
    {
        using var response = await fixture.Api.GetAsync("/api/work/batches/b000000000000/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
