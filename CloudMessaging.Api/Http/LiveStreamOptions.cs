namespace CloudMessaging.Api.Http;

/// <summary>
/// Section <c>LiveStreams</c>: the event streams of read models that have no change channel (the priority-queue and
/// competing-consumer counters, a saga's mirror), which the pattern explorer's pages subscribe to.
/// </summary>
public sealed class LiveStreamOptions
{
    public const string SectionName = "LiveStreams";

    /// <summary>How often a stream reads its model; a change goes out within one interval.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A quiet stream sends a keep-alive comment this often, so idle timeouts leave it open.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
