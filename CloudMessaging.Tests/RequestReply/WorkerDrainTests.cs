using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CloudMessaging.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CloudMessaging.Tests.RequestReply;

/// <summary>
/// A worker replica that is stopped (scale-in, a deploy, the dashboard's stop) in the middle of a job drains: it
/// takes no new message, lets the job it runs finish within Workers:DrainTimeout and only then cancels what is
/// still running, which goes back to the queue and is finished by another replica. Under the AppHost the drain is 5 s
/// (Workers:DrainTimeout on the AppHost), as the orchestrator waits only about 10 s for a replica to stop.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class WorkerDrainTests(AppHostFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly JobApi _api = new(fixture);

    [Fact]
    public async Task A_job_shorter_than_the_drain_finishes_on_the_replica_being_stopped()
    {
        double[] values = [2, 4, 6];
        var job = await _api.SubmitAcceptedAsync(new { kind = "report", input = new { values }, durationMs = 3000 });
        var running = await ReplicaStopJobs.WaitUntilRunningAsync(_api, job.Id);
        var replica = await fixture.FindByReplicaNameAsync(running.Replica!);

        output.WriteLine($"stopping {replica.Resource} ({running.Replica}) while it runs job {job.Id} at {running.Progress}%");
        var stop = await fixture.App.ResourceCommands.ExecuteCommandAsync(replica.Resource, KnownResourceCommands.StopCommand);
        try
        {
            output.WriteLine($"stop {replica.Resource}: success={stop.Success} {stop.Message}");
            var (finished, attempts) = await ReplicaStopJobs.WaitForReportAsync(_api, fixture, job.Id, TimeSpan.FromMinutes(1));
            Assert.Equal(running.Replica, finished.Replica);
            Assert.Equal(values.Sum(), finished.Result.Sum, 9);
            Assert.Equal(1, attempts);
            Assert.True(stop.Success, $"stopping {replica.Resource} failed: {stop.Message}");
        }
        finally
        {
            // Other tests share this AppHost: bring the replica back.
            var start = await fixture.RestartAsync(replica.Resource, TimeSpan.FromMinutes(3));
            output.WriteLine($"start {replica.Resource}: success={start.Success} {start.Message}");
        }
    }

    [Fact]
    public async Task A_job_longer_than_the_drain_is_given_back_and_finished_by_another_replica()
    {
        double[] values = [1, 10, 100];
        var job = await _api.SubmitAcceptedAsync(new { kind = "report", input = new { values }, durationMs = 20_000 });
        var running = await ReplicaStopJobs.WaitUntilRunningAsync(_api, job.Id);
        var replica = await fixture.FindByReplicaNameAsync(running.Replica!);

        output.WriteLine($"stopping {replica.Resource} ({running.Replica}) while it runs job {job.Id} at {running.Progress}%");
        var stop = await fixture.App.ResourceCommands.ExecuteCommandAsync(replica.Resource, KnownResourceCommands.StopCommand);
        try
        {
            output.WriteLine($"stop {replica.Resource}: success={stop.Success} {stop.Message}");

            Assert.True(stop.Success, $"stopping {replica.Resource} failed: {stop.Message}");

            // Given back when the drain ends, so another replica starts it again at once.
            var (finished, attempts) = await ReplicaStopJobs.WaitForReportAsync(_api, fixture, job.Id, TimeSpan.FromMinutes(3));
            Assert.NotEqual(running.Replica, finished.Replica);
            Assert.Equal(values.Sum(), finished.Result.Sum, 9);
            Assert.Equal(2, attempts);
        }
        finally
        {
            var start = await fixture.RestartAsync(replica.Resource, TimeSpan.FromMinutes(3));
            output.WriteLine($"start {replica.Resource}: success={start.Success} {start.Message}");
        }
    }

    public void Dispose() => _api.Dispose();
}
