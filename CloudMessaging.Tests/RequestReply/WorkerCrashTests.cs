using System.Diagnostics;
using Aspire.Hosting;
using CloudMessaging.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CloudMessaging.Tests.RequestReply;

/// <summary>
/// A worker replica that is killed (no shutdown, no release) in the middle of a job: the job must not stay Running.
/// Its message lock lapses, Service Bus redelivers it to another replica, the dead replica's lease has lapsed by then,
/// and the new replica runs the job to the end.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class WorkerCrashTests(AppHostFixture fixture, ITestOutputHelper output) : IDisposable
{
    // The jobs queue locks for a minute; the redelivery waits that out, then the job runs again from the start.
    private static readonly TimeSpan TakeoverTimeout = TimeSpan.FromMinutes(3);

    private readonly JobApi _api = new(fixture);

    [Fact]
    public async Task A_job_whose_worker_is_killed_is_finished_by_another_replica()
    {
        double[] values = [3, 5, 7];
        var job = await _api.SubmitAcceptedAsync(new { kind = "report", input = new { values }, durationMs = 6000 });
        var running = await ReplicaStopJobs.WaitUntilRunningAsync(_api, job.Id);

        var victim = await fixture.FindByReplicaNameAsync(running.Replica!);
        output.WriteLine($"killing {victim.Resource} (pid {victim.ProcessId}) while it runs job {job.Id}");
        try
        {
            using (var process = Process.GetProcessById(victim.ProcessId))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            var (finished, attempts) = await ReplicaStopJobs.WaitForReportAsync(_api, fixture, job.Id, TakeoverTimeout);
            Assert.NotEqual(running.Replica, finished.Replica);
            Assert.Equal(values.Sum(), finished.Result.Sum, 9);
            Assert.Equal(2, attempts);
        }
        finally
        {
            // Other tests share this AppHost: bring the replica back.
            var start = await fixture.RestartAsync(victim.Resource, TimeSpan.FromMinutes(3));
            output.WriteLine($"start {victim.Resource}: success={start.Success} {start.Message}");
        }
    }

    public void Dispose() => _api.Dispose();
}
