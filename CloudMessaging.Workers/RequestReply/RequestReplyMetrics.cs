using System.Diagnostics.Metrics;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Workers.RequestReply;

/// <summary>The request-reply meter (<see cref="MeterName"/>): jobs by final status and how long they ran. README "Observability".</summary>
public sealed class RequestReplyMetrics
{
    public const string MeterName = "CloudMessaging.RequestReply";

    private readonly Counter<long> _jobs;
    private readonly Histogram<double> _duration;

    public RequestReplyMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _jobs = meter.CreateCounter<long>("cloudmessaging.requestreply.jobs", "{job}", "Jobs that reached a final status, by status");
        _duration = meter.CreateHistogram<double>("cloudmessaging.requestreply.job.duration", "s", "How long a job ran on the worker that finished it, by final status");
    }

    /// <summary>A job ended <paramref name="status"/>; <paramref name="ran"/> is null when it never ran here (dead-lettered).</summary>
    public void JobFinished(JobStatus status, TimeSpan? ran)
    {
        var tag = new KeyValuePair<string, object?>("status", status.ToString());
        _jobs.Add(1, tag);
        if (ran is { } duration)
        {
            _duration.Record(duration.TotalSeconds, tag);
        }
    }
}
