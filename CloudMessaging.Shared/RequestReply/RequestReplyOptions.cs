namespace CloudMessaging.Shared.RequestReply;

/// <summary>Knobs of the asynchronous request-reply pattern, bound from the <c>RequestReply</c> configuration section.</summary>
public sealed class RequestReplyOptions
{
    public const string SectionName = "RequestReply";

    /// <summary>How long a job's status (and result) stays in Redis after it was created or last finished.</summary>
    public TimeSpan StatusTimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>What <c>Retry-After</c> tells a polling client while a job is queued or running.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a worker's claim on a running job lasts without a heartbeat. When a worker dies its lease lapses and
    /// the redelivered message lets another replica take the job over. A running job's worker renews it every third
    /// of it.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest <c>POST /api/jobs</c> body accepted; larger ones get 413.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>The longest simulated duration a job may ask for.</summary>
    public int MaxDurationMs { get; set; } = 60_000;

    /// <summary>How long <c>POST /api/quotes</c> waits for the reply before answering 202 (a <c>Prefer: wait=N</c> header can shorten it).</summary>
    public TimeSpan QuoteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a job's event stream may stay silent before it sends a <c>: keep-alive</c> comment, so a proxy or load
    /// balancer with an idle timeout does not cut the stream of a long, quiet job.
    /// </summary>
    public TimeSpan EventStreamKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Parallel jobs per worker replica.</summary>
    public int MaxConcurrentJobs { get; set; } = 16;
}
