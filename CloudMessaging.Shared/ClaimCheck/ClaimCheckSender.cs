using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// A <see cref="ServiceBusSender"/> that offloads large bodies automatically. Use it in place of the sender for any
/// entity whose messages may outgrow the inline threshold; receivers use <see cref="ClaimCheckResolver"/>.
/// </summary>
/// <remarks>
/// When the send itself fails after an upload, the blob is deleted again: no message will ever refer to it. If the
/// process dies in between, the sweeper removes the orphan after the retention period.
/// </remarks>
public sealed class ClaimCheckSender(ServiceBusSender sender, ClaimCheckOffloader offloader)
{
    public ServiceBusSender InnerSender => sender;

    public string EntityPath => sender.EntityPath;

    /// <summary>Sends the message inline, or by claim check when its body exceeds the inline threshold.</summary>
    /// <returns>The reference when the body was offloaded, otherwise null.</returns>
    public async Task<ClaimCheckReference?> SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        var prepared = await offloader.OffloadIfLargeAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            await sender.SendMessageAsync(prepared.Message, cancellationToken).ConfigureAwait(false);
        }
        catch when (prepared.Reference is not null)
        {
            await DeleteUnsentAsync(prepared.Reference).ConfigureAwait(false);
            throw;
        }

        return prepared.Reference;
    }

    /// <summary>
    /// Sends several messages in one call, each inline or by claim check. If the send fails, every blob uploaded
    /// for it is deleted again.
    /// </summary>
    /// <returns>The references of the offloaded bodies, in message order (null for inline ones).</returns>
    public async Task<IReadOnlyList<ClaimCheckReference?>> SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prepared = new List<OffloadedMessage>();
        try
        {
            foreach (var message in messages)
            {
                prepared.Add(await offloader.OffloadIfLargeAsync(message, cancellationToken).ConfigureAwait(false));
            }

            await sender.SendMessagesAsync(prepared.Select(p => p.Message), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var reference in prepared.Select(p => p.Reference).OfType<ClaimCheckReference>())
            {
                await DeleteUnsentAsync(reference).ConfigureAwait(false);
            }

            throw;
        }

        return prepared.Select(p => p.Reference).ToList();
    }

    /// <summary>Schedules the message, offloading its body first when it exceeds the inline threshold.</summary>
    public async Task<long> ScheduleMessageAsync(ServiceBusMessage message, DateTimeOffset scheduledEnqueueTime, CancellationToken cancellationToken = default)
    {
        var prepared = await offloader.OffloadIfLargeAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            return await sender.ScheduleMessageAsync(prepared.Message, scheduledEnqueueTime, cancellationToken).ConfigureAwait(false);
        }
        catch when (prepared.Reference is not null)
        {
            await DeleteUnsentAsync(prepared.Reference).ConfigureAwait(false);
            throw;
        }
    }

    private async Task DeleteUnsentAsync(ClaimCheckReference reference)
    {
        try
        {
            // Not the caller's token: the send may have failed precisely because it was cancelled.
            await offloader.Store.DeleteAsync(reference, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // The send failure is what matters to the caller; the sweeper removes what is left.
        }
    }
}
