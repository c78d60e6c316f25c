namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// Settings of the claim-check building blocks, bound from the <c>ClaimCheck</c> configuration section.
/// </summary>
public sealed class ClaimCheckOptions
{
    public const string SectionName = "ClaimCheck";

    /// <summary>Blob container that holds the payloads. Created on first use when missing.</summary>
    public string ContainerName { get; set; } = "claim-checks";

    /// <summary>
    /// Largest message body kept inline by <see cref="ClaimCheckOffloader"/>. 192 KiB leaves 64 KiB of the
    /// 256 KiB Standard-tier message limit for headers and application properties.
    /// </summary>
    public int InlineThresholdBytes { get; set; } = 192 * 1024;

    /// <summary>Largest payload <see cref="ClaimCheckStore"/> accepts for upload (the API answers 413 above it).</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Size of one staged block, and so of one upload buffer. The buffers an upload holds total at most
    /// <see cref="UploadBlockSizeBytes"/> × <see cref="UploadConcurrency"/>, whatever the payload size.
    /// </summary>
    public int UploadBlockSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Blocks in flight at once: the one being read from the source plus those being staged.</summary>
    public int UploadConcurrency { get; set; } = 4;

    /// <summary>
    /// Minimum age before the sweeper may delete a blob that no pending message refers to. It must exceed the
    /// longest time between an upload and the send of its message, so a blob is never swept before its
    /// message exists.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweeper runs when hosted as a background service.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Entities whose messages may carry claim checks, as Service Bus entity paths: a queue name
    /// (<c>documents</c>) or a subscription (<c>orders/subscriptions/analytics</c>). The sweeper peeks each of
    /// them, and its dead-letter queue, to learn which blobs are still referenced. Session-enabled entities
    /// cannot be peeked without a session and must not carry claim checks swept this way.
    /// </summary>
    public List<string> SweepEntities { get; set; } = [];

    /// <summary>Messages fetched per peek while the sweeper collects references.</summary>
    public int SweepPeekBatchSize { get; set; } = 250;
}
