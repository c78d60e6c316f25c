using CloudMessaging.Shared;
using CloudMessaging.Tests.RequestReply;

namespace CloudMessaging.Tests.Observability;

/// <summary>
/// One job's story as the dashboard tells it: one trace from the API's request to the worker that ran it, the
/// worker's log lines found by the message id and pointing at that trace, and the request-reply meter counting it.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class MessageStoryTests(TelemetryAppHostFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly JobApi _api = new(fixture);

    private OtlpReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task A_job_is_one_trace_across_api_and_worker_and_its_log_lines_carry_the_message_id()
    {
        var job = await _api.SubmitAcceptedAsync(new { kind = "noop" });
        await _api.WaitForSeeOtherAsync(job.Id, Timeout);
        var traceId = await TraceOfJobAsync(job.Id);

        var root = await Eventually.ReturnsAsync(
            () => Task.FromResult(Receiver.Spans.FirstOrDefault(s => s.TraceId == traceId && s.IsRoot)),
            Timeout,
            $"the root span of job {job.Id}'s trace {traceId}");
        Assert.True(root.Service.IsApi(), $"the trace starts in {root.Service} with {root.Name}");
        Assert.Equal("/api/jobs", root.Attributes.Attribute("url.path"));
        await Eventually.HoldsAsync(
            () => Receiver.Spans.Any(s => s.TraceId == traceId && s.Service.IsWorker() && s.Name.Contains("Process", StringComparison.Ordinal)),
            Timeout,
            $"a worker's processing span in trace {traceId}");
        Assert.Single(Receiver.Spans, s => s.TraceId == traceId && s.IsRoot);

        // The worker's own line (its handler's "ran job" log, Debug, switched on by the fixture) carries the scope the
        // processor opened for the message.
        var line = await Eventually.ReturnsAsync(
            () => Task.FromResult(Receiver.Logs.FirstOrDefault(l => l.Service.IsWorker() && l.Attributes.Attribute("messaging.message.id") == job.Id)),
            Timeout,
            $"a worker log line carrying message id {job.Id}");
        Assert.Equal(EntityNames.JobsQueue, line.Attributes.Attribute("messaging.destination.name"));
        Assert.Equal("1", line.Attributes.Attribute("messaging.servicebus.message.delivery_count"));
        Assert.Equal(traceId, line.TraceId);
    }

    [Fact]
    public async Task The_request_reply_meter_counts_a_succeeded_job_and_its_duration()
    {
        var succeededBefore = Receiver.Total("cloudmessaging.requestreply.jobs", IsSucceeded);
        var durationsBefore = Receiver.Total("cloudmessaging.requestreply.job.duration", IsSucceeded);

        var job = await _api.SubmitAcceptedAsync(new { kind = "noop" });
        await _api.WaitForSeeOtherAsync(job.Id, Timeout);

        await Eventually.HoldsAsync(
            () => Receiver.Total("cloudmessaging.requestreply.jobs", IsSucceeded) > succeededBefore
                && Receiver.Total("cloudmessaging.requestreply.job.duration", IsSucceeded) > durationsBefore,
            Timeout,
            "the workers' CloudMessaging.RequestReply meter to count the job and record its duration");
        Assert.Contains(Receiver.MetricPoints, p => p.Meter == "CloudMessaging.RequestReply" && p.Service.IsWorker());
    }

    public void Dispose() => _api.Dispose();

    private static bool IsSucceeded(IReadOnlyDictionary<string, string> attributes) => attributes.Attribute("status") == "Succeeded";

    private async Task<string> TraceOfJobAsync(string id)
    {
        await using var services = await RequestReplyServices.ConnectAsync(fixture);
        var record = await services.Store.GetAsync(id);
        return record?.TraceId ?? throw new InvalidOperationException($"Job {id} has no trace id.");
    }
}
