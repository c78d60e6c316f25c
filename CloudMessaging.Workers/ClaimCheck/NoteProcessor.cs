using System.Security.Cryptography;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.ClaimCheck.Documents;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.ClaimCheck;

/// <summary>
/// Handles notes, which arrive inline or by claim check: <see cref="ClaimCheckResolver"/> hands over the
/// original body either way, and this handler never looks at how it travelled except to report it.
/// </summary>
public sealed partial class NoteProcessor(
    ServiceBusClient client,
    ClaimCheckResolver resolver,
    DocumentStatusStore statuses,
    ClaimCheckMetrics metrics,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    TimeProvider timeProvider,
    ILogger<NoteProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, EntityNames.DocumentNotesQueue, new ServiceBusProcessorOptions
    {
        AutoCompleteMessages = false,
        MaxConcurrentCalls = 4,
    })
{
    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        ResolvedMessageBody resolved;
        Note note;
        try
        {
            resolved = await resolver.ResolveAsync(args.Message, cancellationToken);
            note = resolved.Body.ToObjectFromJson(DocumentJsonContext.Default.Note)
                ?? throw new JsonException("The note is empty.");
        }
        catch (Exception ex) when (ex is ClaimCheckException or JsonException)
        {
            var reason = ex is ClaimCheckException claimCheck ? claimCheck.DeadLetterReason : "InvalidNote";
            LogDeadLettered(ex, args.Message.MessageId, reason);
            if (ex is ClaimCheckException)
            {
                metrics.Failed(EntityNames.DocumentNotesQueue, reason);
            }

            await args.DeadLetterMessageAsync(args.Message, reason, ex.Message, cancellationToken);
            return;
        }

        var body = resolved.Body.ToMemory();
        if (resolved.WasClaimChecked)
        {
            metrics.Verified(EntityNames.DocumentNotesQueue, body.Length);
        }

        await statuses.SetAsync(new NoteReceipt(
            note.Id,
            note.Title,
            note.Text.Length,
            resolved.WasClaimChecked ? "claim-check" : "inline",
            body.Length,
            Convert.ToHexStringLower(SHA256.HashData(body.Span)),
            Replica.Name,
            timeProvider.GetUtcNow()));

        await args.CompleteMessageAsync(args.Message, cancellationToken);

        // A queue has one consumer per message, so the handler may delete the payload (on a topic, the sweeper would).
        await resolver.DeleteClaimAsync(resolved, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Note {MessageId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(Exception exception, string messageId, string reason);
}
