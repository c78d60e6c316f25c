using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CloudMessaging.Tests.CompetingConsumers;

[Collection(AppHostCollection.Name)]
public sealed class CompetingConsumersTests(AppHostFixture fixture, ITestOutputHelper output)
{
    private readonly WorkApi _work = new(fixture.Api);

    [Fact]
    public async Task A_thousand_items_are_all_applied_exactly_once_and_spread_over_replicas()
    {
        var batch = await _work.SendBatchAsync(new { count = 1000, handlerMilliseconds = 5 });

        var stats = await _work.WaitForBatchAsync(batch.BatchId, 1000, TimeSpan.FromMinutes(3));

        output.WriteLine($"per replica: {string.Join(", ", stats.ProcessedByReplica.Select(r => $"{r.Key}={r.Value}"))}; duplicates suppressed {stats.DuplicatesSuppressed}");
        Assert.Equal(1000, stats.Accepted);
        Assert.Equal(1000, stats.Processed);
        Assert.Equal(1000, stats.ItemsApplied);
        Assert.Equal(1, stats.MaxApplicationsPerItem);
        Assert.Equal(0, stats.DeadLettered);
        Assert.True(stats.ProcessedByReplica.Count >= 2, $"work went to {stats.ProcessedByReplica.Count} replica(s)");
        Assert.Equal(1000, stats.ProcessedByReplica.Values.Sum());
    }

    [Fact]
    public async Task Stopping_a_replica_mid_run_loses_nothing_and_applies_nothing_twice()
    {
        const int count = 300;
        var replica = await fixture.FindAsync(WorkerReplicas.IsRunning, TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("No running worker replica.");
        var batch = await _work.SendBatchAsync(new { count, handlerMilliseconds = 100 });
        await _work.WaitForBatchAsync(batch.BatchId, 30, TimeSpan.FromMinutes(2));

        // Stop waits for the process to end (the orchestrator gives it about 10 s): the replica stops taking messages,
        // finishes or abandons what it holds and exits; its abandoned items go to the other replicas.
        var stop = await fixture.App.ResourceCommands.ExecuteCommandAsync(replica, KnownResourceCommands.StopCommand);
        output.WriteLine($"stop {replica}: success={stop.Success} {stop.Message}");
        try
        {
            var stats = await _work.WaitForBatchAsync(batch.BatchId, count, TimeSpan.FromMinutes(3));

            Assert.True(stop.Success, $"stopping {replica} failed: {stop.Message}");
            output.WriteLine($"stopped {replica}; per replica: {string.Join(", ", stats.ProcessedByReplica.Select(r => $"{r.Key}={r.Value}"))}; duplicates suppressed {stats.DuplicatesSuppressed}");
            Assert.Equal(count, stats.Processed);
            Assert.Equal(count, stats.ItemsApplied);
            Assert.Equal(1, stats.MaxApplicationsPerItem);
            Assert.Equal(0, stats.DeadLettered);
        }
        finally
        {
            // Other tests share this AppHost: bring the replica back.
            var start = await fixture.RestartAsync(replica, TimeSpan.FromMinutes(4));
            output.WriteLine($"start {replica}: success={start.Success} {start.Message}");
        }
    }

    [Fact]
    public async Task A_poison_item_is_dead_lettered_with_its_reason_and_is_processed_after_replay()
    {
        var id = "poison-" + Guid.NewGuid().ToString("N");
        using (var sent = await fixture.Api.PostAsJsonAsync("/api/work", new { id, poison = true }))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        var deadLettered = await Eventually.ReturnsAsync(
            async () => (await fixture.Api.GetFromJsonAsync<WorkApi.DeadLetterList>("/api/deadletters/work?max=1000"))!.Messages.FirstOrDefault(m => m.MessageId == id),
            TimeSpan.FromMinutes(2),
            "the poison item to reach the dead-letter queue of work");
        Assert.Equal("ProcessingFailed", deadLettered.Reason);
        Assert.Contains("Poison", deadLettered.Description);
        Assert.Equal(5, deadLettered.DeliveryCount);
        Assert.Equal("NotProcessed", (await fixture.Api.GetFromJsonAsync<WorkApi.ItemStatus>($"/api/work/{id}"))!.Status);

        using var replay = await fixture.Api.PostAsJsonAsync("/api/deadletters/work/replay", new { messageIds = new[] { id } });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = (await replay.Content.ReadFromJsonAsync<WorkApi.ReplayResult>())!;
        Assert.Equal([id], result.ReplayedIds);
        Assert.Empty(result.NotFound);

        var processed = await Eventually.ReturnsAsync(
            async () => await fixture.Api.GetFromJsonAsync<WorkApi.ItemStatus>($"/api/work/{id}") is { Status: "Processed" } status ? status : null,
            TimeSpan.FromMinutes(1),
            "the replayed item to be processed");
        Assert.False(string.IsNullOrEmpty(processed.ProcessedBy));
        var remaining = (await fixture.Api.GetFromJsonAsync<WorkApi.DeadLetterList>("/api/deadletters/work?max=1000"))!;
        Assert.DoesNotContain(remaining.Messages, m => m.MessageId == id);
    }

    [Fact]
    public async Task Ordered_work_keeps_every_keys_order_across_replicas()
    {
        using var sent = await fixture.Api.PostAsJsonAsync("/api/work/ordered", new { keys = 20, itemsPerKey = 50 });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var batch = (await sent.Content.ReadFromJsonAsync<WorkApi.OrderedAccepted>())!;
        var lastProcessed = -1L;

        var stats = await Eventually.ReturnsAsync(
            async () =>
            {
                var progress = (await fixture.Api.GetFromJsonAsync<WorkApi.OrderedStats>($"/api/work/ordered/{batch.BatchId}"))!;
                if (progress.Processed != lastProcessed)
                {
                    lastProcessed = progress.Processed;
                    output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.f} processed {progress.Processed}, keys completed {progress.KeysCompleted}, order violations {progress.OrderViolations}");
                }

                return progress.KeysCompleted == 20 ? progress : null;
            },
            TimeSpan.FromMinutes(3),
            "all 20 keys to be processed",
            TimeSpan.FromMilliseconds(500));

        output.WriteLine($"keys per replica: {string.Join(", ", stats.KeysByReplica.Select(r => $"{r.Key}={r.Value}"))}");
        Assert.Equal(1000, stats.Processed);
        Assert.Equal(0, stats.OrderViolations);
        Assert.True(stats.KeysByReplica.Count >= 2, $"keys went to {stats.KeysByReplica.Count} replica(s)");
    }

    [Fact]
    public async Task Stats_report_the_whole_queue()
    {
        const int count = 12;
        // The collection runs one test at a time, so nothing else moves the whole-queue counters meanwhile.
        var before = await GetStatsAsync();
        var batch = await _work.SendBatchAsync(new { count, handlerMilliseconds = 2000 });

        // Each item takes two seconds: long enough for a poll to see it in flight.
        await Eventually.HoldsAsync(async () => (await GetStatsAsync()).InFlight > before.InFlight, TimeSpan.FromMinutes(1), "the batch's items to show as in flight");
        var batchStats = await _work.WaitForBatchAsync(batch.BatchId, count, TimeSpan.FromMinutes(2));
        var after = await Eventually.ReturnsAsync(
            async () => await GetStatsAsync() is { } stats && stats.InFlight <= before.InFlight ? stats : null,
            TimeSpan.FromSeconds(30),
            "the batch's items to leave the in-flight count once handled");

        Assert.Equal(count, after.Accepted - before.Accepted);
        Assert.Equal(count, after.Processed - before.Processed);
        Assert.Equal(after.Processed, after.ProcessedByReplica.Values.Sum());
        foreach (var (replica, processed) in batchStats.ProcessedByReplica)
        {
            Assert.Equal(processed, after.ProcessedByReplica[replica] - before.ProcessedByReplica.GetValueOrDefault(replica));
        }
    }

    [Theory]
    [InlineData("/api/work/batch", """{"count":0}""", "count")]
    [InlineData("/api/work/batch", """{"count":1000000}""", "count")]
    [InlineData("/api/work/batch", """{}""", "count")]
    [InlineData("/api/work/batch", """{"count":10,"handlerMilliseconds":-1}""", "handlerMilliseconds")]
    [InlineData("/api/work/batch", """{"count":10,"failureRate":1.5}""", "failureRate")]
    [InlineData("/api/work", """{"id":"has spaces"}""", "id")]
    [InlineData("/api/work", """{"payloadBytes":100000000}""", "payloadBytes")]
    [InlineData("/api/work/batch", """{"count":10000,"payloadBytes":65536}""", "payloadBytes")]
    [InlineData("/api/work/ordered", """{"keys":0,"itemsPerKey":5}""", "keys")]
    [InlineData("/api/deadletters/work/replay", """{"messageIds":[]}""", "messageIds")]
    public async Task Bad_input_is_refused_with_a_problem_naming_the_field(string route, string body, string field)
    {
        using var response = await fixture.Api.PostAsync(route, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request()
    {
        using var response = await fixture.Api.PostAsync("/api/work/batch", new StringContent("{\"count\":\"many\"", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_entity_has_no_dead_letter_queue()
    {
        using var response = await fixture.Api.GetAsync("/api/deadletters/no-such-queue");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<WorkApi.Stats> GetStatsAsync() => (await fixture.Api.GetFromJsonAsync<WorkApi.Stats>("/api/work/stats"))!;

    private sealed record Problem(Dictionary<string, string[]> Errors);
}
