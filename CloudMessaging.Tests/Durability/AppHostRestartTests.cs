using CloudMessaging.Shared.Saga;
using CloudMessaging.Tests.CompetingConsumers;
using CloudMessaging.Tests.PriorityQueue;
using CloudMessaging.Tests.RequestReply;
using CloudMessaging.Tests.Saga;
using Xunit.Abstractions;

namespace CloudMessaging.Tests.Durability;

/// <summary>
/// Issue #20's AppHost contract: with <c>--Local:Persistent true</c>, stopping the whole application in the middle
/// of its work (as Ctrl+C does) and starting it again on the same state directory finishes that work: a 1,000-item
/// competing-consumers batch with every item applied exactly once, a running report job, waiting low-priority tasks
/// and a saga. Everything is awaited by condition; the timeouts are for a loaded 2-core machine.
/// </summary>
public sealed class AppHostRestartTests(ITestOutputHelper output) : IDisposable
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan WorkTimeout = TimeSpan.FromMinutes(8);

    private readonly string _state = Directory.CreateTempSubdirectory("cloudmessaging-local-state-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task Work_in_flight_when_the_AppHost_stops_is_finished_after_it_starts_again_on_the_same_state()
    {
        string batchId, jobId, orderId;
        List<string> lowTasks;
        IReadOnlyList<int> ports;
        var first = new PersistentAppHost(_state);
        try
        {
            await first.InitializeAsync();
            var api = new RetryingApi(first.Api, WorkTimeout);
            jobId = (await api.PostAcceptedAsync<JobStatusDto>("/api/jobs", new { kind = "report", input = new { values = new[] { 1, 2, 3 } }, durationMs = 60_000 }, JobApi.Json)).Id;
            using (var jobs = new JobApi(first))
            {
                await ReplicaStopJobs.WaitUntilRunningAsync(jobs, jobId);
            }

            // Low-priority tasks run one at a time per replica: with five-second tasks, most of these wait.
            var tasks = Enumerable.Range(0, 9).Select(i => new TaskClient.Submission("low", 5_000, $"restart-{i}"));
            lowTasks = [.. (await api.PostAcceptedAsync<TaskClient.BatchAccepted>("/api/tasks/batch", new { tasks })).Tasks.Select(t => t.Id)];
            orderId = (await api.PostAcceptedAsync<SagaState>("/api/orders", SagaApi.Order("restart", 10.00m, [("widget", 1)]), SagaJson.Options)).OrderId;

            // One-second handlers: 1,000 items take at least 40 s on three replicas of eight handlers each.
            batchId = (await api.PostAcceptedAsync<WorkApi.BatchAccepted>("/api/work/batch", new { count = BatchSize, handlerMilliseconds = 1_000 })).BatchId;
            var before = await api.GetUntilAsync<WorkApi.BatchStats>($"/api/work/batches/{batchId}", s => s.Processed >= 50, "the batch to be under way");
            output.WriteLine($"stopping with {before.Processed} of {BatchSize} items processed");
            Assert.True(before.Processed < BatchSize, "the batch finished before the stop; nothing was left to carry on");
            ports = first.ListeningPorts();
        }
        finally
        {
            await first.DisposeAsync();
        }

        await PersistentAppHost.WaitUntilReleasedAsync(_state, ports, TimeSpan.FromMinutes(2));
        var second = new PersistentAppHost(_state);
        try
        {
            await second.InitializeAsync();
            var api = new RetryingApi(second.Api, WorkTimeout);

            var stats = await api.GetUntilAsync<WorkApi.BatchStats>($"/api/work/batches/{batchId}", s => s.Processed >= BatchSize, "the batch to finish");
            output.WriteLine($"after the restart: processed {stats.Processed}, duplicates suppressed {stats.DuplicatesSuppressed}");
            Assert.Equal(BatchSize, stats.Accepted);
            Assert.Equal(BatchSize, stats.Processed);
            Assert.Equal(BatchSize, stats.ItemsApplied);
            Assert.Equal(1, stats.MaxApplicationsPerItem);
            Assert.Equal(0, stats.DeadLettered);

            using (var jobs = new JobApi(second))
            {
                await jobs.WaitForSeeOtherAsync(jobId, WorkTimeout);
            }

            foreach (var id in lowTasks)
            {
                var task = await api.GetUntilAsync<TaskClient.View>($"/api/tasks/{id}", t => t.IsCompleted, $"task {id} to complete");
                Assert.Equal(1, task.Effects);
            }

            var saga = await api.GetUntilAsync<SagaState>($"/api/orders/{orderId}", s => s.IsFinished, $"saga {orderId} to finish", SagaJson.Options);
            Assert.Equal(SagaStatus.Completed, saga.Status);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
