using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.PriorityQueue;

[Collection(AppHostCollection.Name)]
public sealed class TaskStatsStreamTests(AppHostFixture fixture)
{
    private static readonly string[] Levels = ["high", "normal", "low"];

    [Fact]
    public async Task The_stats_stream_sends_the_stats_first_and_again_when_tasks_arrive_and_complete()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stream = await LiveEventStream.OpenAsync(fixture.Api, "/api/tasks/stats/events", cts.Token);

        var first = await stream.NextAsync(cts.Token) ?? throw new InvalidOperationException("No first event.");
        Assert.Equal("stats", first.Type);
        var levels = first.Data.GetProperty("levels");
        Assert.All(Levels, level => Assert.True(levels.TryGetProperty(level, out _), level));
        var completedBefore = Completed(first.Data);

        var tasks = new TaskClient(fixture.Api);
        await tasks.SubmitBatchAsync(Enumerable.Range(0, 5).Select(_ => new TaskClient.Submission("low", 0)));

        // Pushed, not polled by the test: the stream itself shows the five tasks done, with waits measured.
        var seen = new List<LiveEventStream.Event>();
        var done = await stream.WaitForAsync(stats => Completed(stats) >= completedBefore + 5, seen, cts.Token);

        Assert.True(done.Data.GetProperty("levels").GetProperty("low").GetProperty("queueWait").GetProperty("samples").GetInt32() >= 5);
        var ids = seen.Prepend(first).Select(e => int.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static long Completed(System.Text.Json.JsonElement stats) =>
        stats.GetProperty("levels").GetProperty("low").GetProperty("completed").GetInt64();
}
