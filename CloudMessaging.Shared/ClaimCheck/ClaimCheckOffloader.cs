using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// Decides, message by message, whether a body travels inline or by claim check. Bodies up to
/// <see cref="ClaimCheckOptions.InlineThresholdBytes"/> are left alone; larger ones are uploaded and replaced by a
/// reference. <see cref="ClaimCheckResolver"/> undoes this on the receiving side.
/// </summary>
public sealed class ClaimCheckOffloader(ClaimCheckStore store, IOptions<ClaimCheckOptions> options)
{
    private readonly int _inlineThresholdBytes = options.Value.InlineThresholdBytes;

    public int InlineThresholdBytes => _inlineThresholdBytes;

    public ClaimCheckStore Store => store;

    /// <summary>
    /// Returns <paramref name="message"/> itself when its body fits inline, otherwise a new message whose body is
    /// the reference to the uploaded original. The original message is never modified, so a caller that retries a
    /// failed send with it offloads afresh instead of re-sending a reference whose blob may already be gone.
    /// </summary>
    public async Task<OffloadedMessage> OffloadIfLargeAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ApplicationProperties.ContainsKey(ClaimCheckMessageProperties.BlobName))
        {
            // Already a claim check (for instance an explicit upload): offloading the reference would nest them.
            return new OffloadedMessage(message, null);
        }

        var body = message.Body;
        if (body.ToMemory().Length <= _inlineThresholdBytes)
        {
            return new OffloadedMessage(message, null);
        }

        var reference = await store.UploadAsync(body, message.ContentType, fileName: null, cancellationToken).ConfigureAwait(false);
        var carrier = ClaimCheckMessageProperties.CreateMessage(reference);
        CopyEverythingButBody(message, carrier);
        return new OffloadedMessage(carrier, reference);
    }

    private static void CopyEverythingButBody(ServiceBusMessage source, ServiceBusMessage target)
    {
        // Only what was set is copied: several setters reject null, and an explicit value would override the
        // entity's defaults (time to live) or schedule the message (enqueue time).
        CopyIfSet(source.MessageId, value => target.MessageId = value);
        CopyIfSet(source.SessionId, value => target.SessionId = value);
        CopyIfSet(source.PartitionKey, value => target.PartitionKey = value);
        CopyIfSet(source.TransactionPartitionKey, value => target.TransactionPartitionKey = value);
        CopyIfSet(source.ReplyToSessionId, value => target.ReplyToSessionId = value);
        CopyIfSet(source.CorrelationId, value => target.CorrelationId = value);
        CopyIfSet(source.Subject, value => target.Subject = value);
        CopyIfSet(source.To, value => target.To = value);
        CopyIfSet(source.ReplyTo, value => target.ReplyTo = value);

        if (source.ScheduledEnqueueTime != default)
        {
            target.ScheduledEnqueueTime = source.ScheduledEnqueueTime;
        }

        if (source.TimeToLive != TimeSpan.MaxValue)
        {
            target.TimeToLive = source.TimeToLive;
        }

        foreach (var (key, value) in source.ApplicationProperties)
        {
            target.ApplicationProperties[key] = value;
        }
    }

    private static void CopyIfSet(string? value, Action<string> set)
    {
        if (value is not null)
        {
            set(value);
        }
    }
}

/// <summary>The message to send, and the reference it carries when its body was offloaded.</summary>
public sealed record OffloadedMessage(ServiceBusMessage Message, ClaimCheckReference? Reference)
{
    public bool IsOffloaded => Reference is not null;
}
