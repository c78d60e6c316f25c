using System.Net;
using System.Net.Http.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.RequestReply;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

[Collection(AppHostCollection.Name)]
public sealed class JobCancellationTests(AppHostFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly JobApi _api = new(fixture);

    [Fact]
    public async Task A_running_job_cancelled_stops_within_a_second()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "report", input = new { values = new[] { 1, 2, 3 } }, durationMs = 20_000 });
        await Eventually.ReturnsAsync(
            async () => (await _api.GetStatusAsync(job.Id)).Status is { Status: "Running", Progress: >= 10 } running ? running : null,
            Timeout,
            "the job to run and report progress");

        using var cancel = await _api.Http.DeleteAsync($"/api/jobs/{job.Id}");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = (await cancel.Content.ReadFromJsonAsync<JobStatusDto>(JobApi.Json))!;
        Assert.Equal("Cancelled", cancelled.Status);
        Assert.Null(cancelled.Links.Cancel);

        // The worker notices through Redis and stops; it records when.
        var stopped = await Eventually.ReturnsAsync(
            async () => (await _api.GetStatusAsync(job.Id)).Status is { StoppedAt: not null } status ? status : null,
            Timeout,
            "the worker to stop the cancelled job");
        Assert.Equal("Cancelled", stopped.Status);
        Assert.True(stopped.StoppedAt - stopped.CancelledAt < TimeSpan.FromSeconds(1), $"cancelled {stopped.CancelledAt:O}, stopped {stopped.StoppedAt:O}");
        Assert.True(stopped.Progress < 100);

        using var again = await _api.Http.DeleteAsync($"/api/jobs/{job.Id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var result = await _api.Http.GetAsync($"/api/jobs/{job.Id}/result");
        Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
    }

    [Fact]
    public async Task A_queued_job_cancelled_never_runs()
    {
        // A job queued the way the API queues it, but with its message scheduled 2 s ahead, so it is certainly still
        // queued when it is cancelled (an idle worker would otherwise start it within milliseconds).
        await using var services = await RequestReplyServices.ConnectAsync(fixture);
        var id = Guid.NewGuid().ToString("N");
        var job = new JobMessage(id, JobKinds.NoOp, null, 0, JobFailureMode.None);
        await services.Store.CreateAsync(job, traceId: null);
        await using var sender = services.ServiceBus.CreateSender(EntityNames.JobsQueue);
        var enqueueAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var sequenceNumber = await sender.ScheduleMessageAsync(
            new ServiceBusMessage(BinaryData.FromObjectAsJson(job, RequestReplyJson.Options)) { MessageId = id, Subject = MessageSubjects.Job },
            enqueueAt);

        using var cancel = await _api.Http.DeleteAsync($"/api/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JobStatusDto>(JobApi.Json))!.Status);

        // Wait until a worker has received and settled the message, then look: it never started the job.
        await using var receiver = services.ServiceBus.CreateReceiver(EntityNames.JobsQueue);
        await Eventually.HoldsAsync(
            async () => DateTimeOffset.UtcNow > enqueueAt
                && (await receiver.PeekMessageAsync(sequenceNumber) is not { } peeked || peeked.MessageId != id),
            Timeout,
            "a worker to take the cancelled job's message off the queue");
        var (_, status, _) = await _api.GetStatusAsync(id);
        Assert.NotNull(status);
        Assert.Equal("Cancelled", status.Status);
        Assert.Equal(0, status.Attempts);
        Assert.Null(status.StartedAt);
        Assert.Null(status.Replica);
    }

    [Fact]
    public async Task A_finished_job_cannot_be_cancelled()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "noop" });
        await _api.WaitForSeeOtherAsync(job.Id, Timeout);

        using var cancel = await _api.Http.DeleteAsync($"/api/jobs/{job.Id}");

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("application/problem+json", cancel.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.SeeOther, (await _api.GetStatusAsync(job.Id)).Code);
    }

    public void Dispose() => _api.Dispose();
}
