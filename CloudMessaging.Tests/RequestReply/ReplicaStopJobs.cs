using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

/// <summary>
/// What the tests that stop or kill a worker replica in the middle of a report job share: waiting until the job runs
/// (and on which replica), and reading how it ended: the replica that finished it, its result and how many attempts
/// it took.
/// </summary>
internal static class ReplicaStopJobs
{
    public static Task<JobStatusDto> WaitUntilRunningAsync(JobApi api, string id) => Eventually.ReturnsAsync(
        async () => (await api.GetStatusAsync(id)).Status is { Status: "Running", Progress: > 0, Replica: { } } status ? status : null,
        TimeSpan.FromMinutes(1),
        $"job {id} to run");

    public static async Task<(JobResultDto<ReportDto> Finished, int Attempts)> WaitForReportAsync(
        JobApi api, AppHostFixture fixture, string id, TimeSpan timeout)
    {
        await api.WaitForSeeOtherAsync(id, timeout);
        var finished = (await api.Http.GetFromJsonAsync<JobResultDto<ReportDto>>($"/api/jobs/{id}/result", JobApi.Json))!;
        await using var services = await RequestReplyServices.ConnectAsync(fixture);
        var record = await services.Store.GetAsync(id);
        return (finished, record!.Attempts);
    }
}
