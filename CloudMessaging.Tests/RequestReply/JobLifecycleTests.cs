using System.Net;
using System.Net.Http.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.RequestReply;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

[Collection(AppHostCollection.Name)]
public sealed class JobLifecycleTests(AppHostFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly JobApi _api = new(fixture);

    [Fact]
    public async Task A_report_is_accepted_polled_redirected_and_its_result_matches_the_input()
    {
        double[] values = [4, 8, 15, 16, 23, 42, -7.5];
        using var accepted = await _api.SubmitAsync(new { kind = "report", input = new { values }, durationMs = 300 });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = (await accepted.Content.ReadFromJsonAsync<JobStatusDto>(JobApi.Json))!;
        Assert.Equal($"/api/jobs/{job.Id}", accepted.Headers.Location?.OriginalString);
        Assert.True(accepted.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("Queued", job.Status);
        Assert.Equal($"/api/jobs/{job.Id}", job.Links.Self);

        var resultLocation = await _api.WaitForSeeOtherAsync(job.Id, Timeout);
        Assert.Equal($"/api/jobs/{job.Id}/result", resultLocation.OriginalString);

        var result = await _api.Http.GetFromJsonAsync<JobResultDto<ReportDto>>(resultLocation, JobApi.Json);
        Assert.NotNull(result);
        Assert.Equal(values.Length, result.Result.Count);
        Assert.Equal(values.Sum(), result.Result.Sum, 9);
        Assert.Equal(values.Average(), result.Result.Mean, 9);
        Assert.Equal(-7.5, result.Result.Min);
        Assert.Equal(42, result.Result.Max);
        Assert.Equal(15, result.Result.Median);
        var mean = values.Average();
        Assert.Equal(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length), result.Result.StandardDeviation, 9);
        Assert.False(string.IsNullOrEmpty(result.Replica));
    }

    [Fact]
    public async Task The_record_shows_timestamps_the_replica_and_the_trace_the_SDK_carried_to_the_worker()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "noop" });
        await _api.WaitForSeeOtherAsync(job.Id, Timeout);

        await using var services = await RequestReplyServices.ConnectAsync(fixture);
        var record = await services.Store.GetAsync(job.Id);
        Assert.NotNull(record);
        Assert.Equal(JobStatus.Succeeded, record.Status);
        Assert.Equal(100, record.Progress);
        Assert.True(record.CreatedAt <= record.StartedAt && record.StartedAt <= record.CompletedAt);
        Assert.False(string.IsNullOrEmpty(record.Replica));
        Assert.Equal(1, record.Attempts);
        Assert.False(string.IsNullOrEmpty(record.TraceId));
        Assert.Equal(record.TraceId, record.ReceivedTraceId);

        var ttl = await services.Redis.GetDatabase().KeyTimeToLiveAsync(JobStore.Key(job.Id));
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task A_running_job_reports_rising_progress()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "report", input = new { values = Enumerable.Range(1, 1000) }, durationMs = 3000 });

        var seen = new List<int>();
        await Eventually.HoldsAsync(
            async () =>
            {
                var (code, status, _) = await _api.GetStatusAsync(job.Id);
                if (status is { Status: "Running" })
                {
                    seen.Add(status.Progress);
                }

                return code == HttpStatusCode.SeeOther;
            },
            Timeout,
            "the job to finish",
            pollInterval: TimeSpan.FromMilliseconds(50));

        var distinct = seen.Distinct().ToList();
        Assert.True(distinct.Count >= 3, $"progress seen while running: {string.Join(", ", seen)}");
        Assert.Equal(seen.Order(), seen);
        Assert.All(seen, p => Assert.InRange(p, 0, 99));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_same_job()
    {
        var key = Guid.NewGuid().ToString("N");
        var body = new { kind = "report", input = new { values = new[] { 1, 2, 3 } } };

        using var first = await _api.SubmitAsync(body, key);
        using var second = await _api.SubmitAsync(body, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var id = (await first.Content.ReadFromJsonAsync<JobStatusDto>(JobApi.Json))!.Id;
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JobStatusDto>(JobApi.Json))!.Id);

        // Once it has run, a third submission still answers with that job (now succeeded), and it ran exactly once.
        await _api.WaitForSeeOtherAsync(id, Timeout);
        using var third = await _api.SubmitAsync(body, key);
        var replayed = (await third.Content.ReadFromJsonAsync<JobStatusDto>(JobApi.Json))!;
        Assert.Equal(id, replayed.Id);
        Assert.Equal("Succeeded", replayed.Status);
        Assert.Equal(1, replayed.Attempts);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString("N");
        using var first = await _api.SubmitAsync(new { kind = "report", input = new { values = new[] { 1, 2, 3 } } }, key);
        using var second = await _api.SubmitAsync(new { kind = "report", input = new { values = new[] { 1, 2, 4 } } }, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((HttpStatusCode)422, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_job_that_fails_ends_Failed_with_a_problem_and_no_result()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "report", input = new { values = new[] { 1, 2 } }, durationMs = 200, failure = "fail" });

        var failed = await _api.WaitForStatusAsync(job.Id, "Failed", Timeout);

        Assert.NotNull(failed.Problem);
        Assert.Contains("Simulated failure", failed.Problem.Detail);
        Assert.NotNull(failed.CompletedAt);
        Assert.Equal(1, failed.Attempts);
        using var result = await _api.Http.GetAsync($"/api/jobs/{job.Id}/result");
        Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
    }

    [Fact]
    public async Task A_poison_job_is_dead_lettered_and_ends_Failed_with_the_reason()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "noop", failure = "poison" });

        var failed = await _api.WaitForStatusAsync(job.Id, "Failed", Timeout);

        Assert.NotNull(failed.Problem);
        Assert.Contains("dead-lettered", failed.Problem.Title);
        Assert.Contains("MaxDeliveryCountExceeded", failed.Problem.Detail);
        Assert.Equal(3, failed.Attempts);
    }

    [Fact]
    public async Task A_job_whose_worker_died_is_taken_over_when_its_lease_lapses()
    {
        await using var services = await RequestReplyServices.ConnectAsync(fixture, lease: TimeSpan.FromSeconds(2));
        var id = Guid.NewGuid().ToString("N");
        var job = new JobMessage(id, JobKinds.Report, System.Text.Json.JsonSerializer.SerializeToElement(new { values = new[] { 2, 4 } }), 0, JobFailureMode.None);

        // A replica claimed the job, then died: its lease (2 s) is never renewed. Its message comes back (here: is sent).
        await services.Store.CreateAsync(job, traceId: null);
        var claim = await services.Store.TryClaimAsync(id, "replica-that-died", receivedTraceId: null);
        Assert.Equal(JobClaimOutcome.Claimed, claim.Outcome);
        await using (var sender = services.ServiceBus.CreateSender(EntityNames.JobsQueue))
        {
            await sender.SendMessageAsync(new ServiceBusMessage(BinaryData.FromObjectAsJson(job, RequestReplyJson.Options))
            {
                MessageId = id,
                Subject = MessageSubjects.Job,
                ContentType = "application/json",
            });
        }

        await _api.WaitForSeeOtherAsync(id, Timeout);
        var record = await services.Store.GetAsync(id);
        Assert.NotNull(record);
        Assert.NotEqual("replica-that-died", record.Replica);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(6, System.Text.Json.JsonDocument.Parse(record.Result!).RootElement.GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task Unknown_jobs_are_404()
    {
        var id = Guid.NewGuid().ToString("N");
        foreach (var request in new[]
                 {
                     new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}"),
                     new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/result"),
                     new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/events"),
                     new HttpRequestMessage(HttpMethod.Delete, $"/api/jobs/{id}"),
                 })
        {
            using (request)
            using (var response = await _api.Http.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    public void Dispose() => _api.Dispose();
}
