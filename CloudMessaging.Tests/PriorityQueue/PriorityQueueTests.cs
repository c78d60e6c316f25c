using System.Net;
using System.Net.Http.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PriorityQueue;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.PriorityQueue;

/// <summary>
/// End to end through the AppHost: the API routes by priority, three worker replicas run dedicated consumers per
/// level (8/4/1 each) and escalate tasks older than the threshold the fixture configures
/// (<see cref="AppHostFixture"/>: a few seconds instead of a minute).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class PriorityQueueTests(AppHostFixture fixture)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);

    private readonly TaskClient _tasks = new(fixture.Api);

    [Fact]
    public async Task High_priority_tasks_queued_behind_a_low_backlog_all_complete_before_the_median_low_task()
    {
        var low = await _tasks.SubmitBatchAsync(Enumerable.Range(0, 500).Select(i => new TaskClient.Submission("low", 50, $"low-{i}")));
        var high = await _tasks.SubmitBatchAsync(Enumerable.Range(0, 50).Select(i => new TaskClient.Submission("high", 20, $"high-{i}")));

        var lowDone = await _tasks.WaitForAllCompletedAsync([.. low.Select(t => t.Id)], DrainTimeout);
        var highDone = await _tasks.WaitForAllCompletedAsync([.. high.Select(t => t.Id)], DrainTimeout);

        var lastHigh = highDone.Max(t => t.CompletedAt!.Value);
        var medianLow = lowDone.Select(t => t.CompletedAt!.Value).Order().ElementAt(lowDone.Count / 2);
        Assert.True(lastHigh < medianLow, $"the last high task completed at {lastHigh:O}, after the median low task at {medianLow:O}");
        Assert.All(lowDone.Concat(highDone), t => Assert.Equal(1, t.Effects));
    }

    [Fact]
    public async Task Under_continuous_high_load_a_low_task_older_than_the_threshold_is_escalated_and_completes()
    {
        // Low's consumers (one per replica) must still be busy when the marker ages, whatever the escalator's timing:
        // the backlog is a few rounds of long tasks, so reaching the marker takes them far longer than the threshold
        // plus an escalation pass. (A deep backlog of short tasks does not hold them: once the escalator has moved the
        // backlog up, they skip its originals in milliseconds and can take the marker between two passes.)
        // The marker ends the same batch, so it ages with the backlog and is moved up in the same pass.
        const int backlogSize = 9;
        var submitted = await _tasks.SubmitBatchAsync(Enumerable.Range(0, backlogSize).Select(i => new TaskClient.Submission("low", 10_000, $"backlog-{i}"))
            .Append(new TaskClient.Submission("low", 10, "marker")));
        var backlog = submitted.Take(backlogSize).ToList();
        var marker = submitted[^1];

        // High load, and a trickle of low tasks behind the aged ones: the boundary between aged and young tasks
        // moves through the low queue all the time, as it does in production.
        using var stopLoad = new CancellationTokenSource();
        var loadIds = new List<string>();
        var load = Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                var round = Enumerable.Range(0, 20).Select(_ => new TaskClient.Submission("high", 100, "load"))
                    .Append(new TaskClient.Submission("low", 10, "trickle"));
                loadIds.AddRange((await _tasks.SubmitBatchAsync(round)).Select(t => t.Id));
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        });

        TaskClient.View completed;
        try
        {
            completed = await Eventually.ReturnsAsync(
                async () => await _tasks.GetAsync(marker.Id) is { IsCompleted: true } status ? status : null,
                DrainTimeout,
                "the aged low task to complete while high-priority load continues");
        }
        finally
        {
            await stopLoad.CancelAsync();
            await load;
        }

        var stats = await fixture.Api.GetStringAsync("/api/tasks/stats");
        Assert.True(completed.Escalations >= 1, $"the marker was served by {completed.Queue} after {completed.Escalations} escalations; stats: {stats}");
        Assert.NotEqual("low", completed.Queue);
        Assert.Equal("low", completed.Priority);
        var threshold = TimeSpan.FromSeconds((await _tasks.GetStatsAsync()).EscalateAfterSeconds);
        Assert.True(completed.QueueWaitMilliseconds >= threshold.TotalMilliseconds, $"waited {completed.QueueWaitMilliseconds} ms, under the {threshold} threshold");

        IReadOnlyCollection<string> ids = [.. backlog.Select(t => t.Id), .. loadIds, marker.Id];
        var everything = await _tasks.WaitForAllCompletedAsync(ids, DrainTimeout);
        Assert.All(everything, t => Assert.Equal(1, t.Effects));
        Assert.Contains(everything, t => t.Priority == "low" && t.Escalations >= 1);
        // The originals left behind by escalation are consumed too, and nothing was given up on along the way.
        await using var client = new ServiceBusClient(await fixture.App.GetConnectionStringAsync("servicebus"));
        await DrainedAsync(client, ids.ToHashSet());
        await NoneDeadLetteredAsync(client, ids.ToHashSet());
    }

    [Fact]
    public async Task A_task_delivered_more_than_once_takes_effect_once()
    {
        // Duplicates as an escalator leaves them when it dies between sending a copy up and confirming it (or as
        // a redelivery makes them): the same message id, body and properties on other queues, while the original
        // is still queued and, unconfirmed, still served where it is.
        var accepted = await _tasks.SubmitBatchAsync(Enumerable.Range(0, 20).Select(i => new TaskClient.Submission("low", 300, $"twice-{i}")));
        await using var client = new ServiceBusClient(await fixture.App.GetConnectionStringAsync("servicebus"));
        await using var high = client.CreateSender(EntityNames.TasksHighQueue);
        await using var normal = client.CreateSender(EntityNames.TasksNormalQueue);
        var acceptedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var task in accepted)
        {
            ServiceBusMessage Copy() => new(BinaryData.FromObjectAsJson(new TaskWork($"twice", 300)))
            {
                MessageId = task.Id,
                ApplicationProperties =
                {
                    [TaskMessageProperties.Priority] = "low",
                    [TaskMessageProperties.AcceptedAt] = acceptedAt,
                    [TaskMessageProperties.Escalations] = 1,
                },
            };
            await high.SendMessageAsync(Copy());
            await normal.SendMessageAsync(Copy());
        }

        var done = await _tasks.WaitForAllCompletedAsync([.. accepted.Select(t => t.Id)], DrainTimeout);
        Assert.All(done, t => Assert.Equal(1, t.Effects));

        // Wait until the leftover copies are consumed too (none waits anywhere), then check nothing applied twice.
        await Eventually.HoldsAsync(
            async () => (await _tasks.GetAllAsync(accepted.Select(t => t.Id))).All(t => t.IsCompleted && t.Attempts >= 1),
            DrainTimeout,
            "the duplicate copies to be consumed");
        await DrainedAsync(client, accepted.Select(t => t.Id).ToHashSet());
        Assert.All(await _tasks.GetAllAsync(accepted.Select(t => t.Id)), t => Assert.Equal(1, t.Effects));
    }

    [Theory]
    [InlineData("""{"priority":"urgent","workMilliseconds":10}""", "priority")]
    [InlineData("""{"workMilliseconds":10}""", "priority")]
    [InlineData("""{"priority":"high","workMilliseconds":-1}""", "workMilliseconds")]
    [InlineData("""{"priority":"high","workMilliseconds":3600000}""", "workMilliseconds")]
    public async Task A_bad_task_is_refused_with_a_problem_naming_the_field(string body, string field)
    {
        using var response = await fixture.Api.PostAsync("/api/tasks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task A_batch_with_one_bad_task_is_refused_whole_naming_the_task()
    {
        var before = await _tasks.GetStatsAsync();
        using var response = await fixture.Api.PostAsJsonAsync("/api/tasks/batch", new
        {
            tasks = new object[] { new { priority = "high", workMilliseconds = 1 }, new { priority = "highest", workMilliseconds = 1 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Equal(["tasks[1].priority"], problem!.Errors.Keys);
        Assert.Equal(before.Levels["high"].Accepted, (await _tasks.GetStatsAsync()).Levels["high"].Accepted);
    }

    [Fact]
    public async Task One_task_is_accepted_with_a_status_link_and_counted_in_the_stats()
    {
        var before = (await _tasks.GetStatsAsync()).Levels["normal"];
        using var response = await fixture.Api.PostAsJsonAsync("/api/tasks", new { priority = "Normal", payload = "hello", workMilliseconds = 5 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<TaskClient.Accepted>())!;
        Assert.Equal($"/api/tasks/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("normal", accepted.Priority);

        var status = (await _tasks.WaitForAllCompletedAsync([accepted.Id], TimeSpan.FromMinutes(1))).Single();
        Assert.Equal("normal", status.Queue);
        Assert.Equal(1, status.Effects);
        Assert.False(string.IsNullOrEmpty(status.HandledBy));

        var stats = await _tasks.GetStatsAsync();
        Assert.Equal(["high", "normal", "low"], stats.Levels.Keys);
        // At least: the counters are of the whole queue, and tasks of earlier tests may still be finishing.
        Assert.True(stats.Levels["normal"].Completed >= before.Completed + 1, $"normal completed {before.Completed} before, {stats.Levels["normal"].Completed} after");
        Assert.True(stats.Levels["normal"].QueueWait.Samples >= 1);
        Assert.NotNull(stats.Levels["normal"].QueueWait.P99Milliseconds);
    }

    [Fact]
    public async Task An_unknown_task_is_not_found()
    {
        using var response = await fixture.Api.GetAsync($"/api/tasks/{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task DrainedAsync(ServiceBusClient client, IReadOnlySet<string> ids)
    {
        foreach (var level in TaskPriorities.All)
        {
            await using var receiver = client.CreateReceiver(level.QueueName());
            await Eventually.HoldsAsync(
                async () => !(await receiver.PeekMessagesAsync(1000, fromSequenceNumber: 1)).Any(m => ids.Contains(m.MessageId)),
                DrainTimeout,
                $"no copy of the tasks to remain in {level.QueueName()}");
        }
    }

    private static async Task NoneDeadLetteredAsync(ServiceBusClient client, IReadOnlySet<string> ids)
    {
        foreach (var level in TaskPriorities.All)
        {
            await using var deadLetters = client.CreateReceiver(level.QueueName(), new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            var lost = new List<string>();
            IReadOnlyList<ServiceBusReceivedMessage> page;
            long next = 0;
            do
            {
                page = await deadLetters.PeekMessagesAsync(250, next);
                lost.AddRange(page.Where(m => ids.Contains(m.MessageId)).Select(m => $"{m.MessageId} ({m.DeadLetterReason})"));
                next = page.Count > 0 ? page[^1].SequenceNumber + 1 : next;
            }
            while (page.Count > 0);

            Assert.True(lost.Count == 0, $"dead-lettered in {level.QueueName()}: {string.Join(", ", lost)}");
        }
    }

    private sealed record ValidationProblem(string? Title, IReadOnlyDictionary<string, string[]> Errors);
}
