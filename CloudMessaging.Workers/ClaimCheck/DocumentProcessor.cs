using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.ClaimCheck.Documents;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.ClaimCheck;

/// <summary>
/// Processes uploaded documents: streams each blob back from storage, verifying length and SHA-256 as it reads,
/// counts lines and words, records the result, completes the message and only then deletes the blob. A document
/// that cannot be honoured (hash or length mismatch, missing blob, malformed reference) is dead-lettered with
/// that reason and its blob is kept for inspection.
/// </summary>
public sealed partial class DocumentProcessor(
    ServiceBusClient client,
    ClaimCheckStore store,
    DocumentStatusStore statuses,
    ClaimCheckMetrics metrics,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    TimeProvider timeProvider,
    ILogger<DocumentProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, EntityNames.DocumentsQueue, new ServiceBusProcessorOptions
    {
        // Settled by hand: the blob is deleted after completion, and integrity failures are dead-lettered.
        AutoCompleteMessages = false,
        MaxConcurrentCalls = 2,
        PrefetchCount = 0,
        MaxAutoLockRenewalDuration = TimeSpan.FromHours(1),
    })
{
    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        var message = args.Message;
        var id = message.ApplicationProperties.TryGetValue(DocumentMessages.DocumentId, out var value) && value is string documentId
            ? documentId
            : message.MessageId;

        ClaimCheckReference reference;
        try
        {
            reference = message.GetClaimCheckReference()
                ?? throw new InvalidClaimCheckReferenceException("The message carries no claim-check reference.");
        }
        catch (ClaimCheckException ex)
        {
            await DeadLetterAsync(args, id, null, ex, cancellationToken);
            return;
        }

        var processing = new DocumentStatus(id, DocumentState.Processing, reference.BlobName, reference.FileName, reference.ContentType, reference.Length, reference.Sha256, timeProvider.GetUtcNow(), Replica.Name);
        await statuses.SetAsync(processing);

        DocumentCounts counts;
        try
        {
            // ConsumeAsync reads to the end and throws unless length and hash match the reference.
            counts = await store.ConsumeAsync(reference, DocumentAnalyzer.CountAsync, cancellationToken);
        }
        catch (ClaimCheckException ex)
        {
            await DeadLetterAsync(args, id, processing, ex, cancellationToken);
            return;
        }

        var result = counts.WithVerifiedHash(reference.Sha256);
        metrics.Verified(EntityNames.DocumentsQueue, result.Bytes);
        await statuses.SetAsync(processing with { State = DocumentState.Succeeded, Result = result, UpdatedAt = timeProvider.GetUtcNow() });
        await args.CompleteMessageAsync(message, cancellationToken);

        // Only now: had the blob gone first and completion failed, the redelivered message would find nothing.
        await store.DeleteAsync(reference, CancellationToken.None);
        LogProcessed(id, result.Bytes, result.Lines, result.Words, Replica.Name);
    }

    private async Task DeadLetterAsync(ProcessMessageEventArgs args, string id, DocumentStatus? processing, ClaimCheckException failure, CancellationToken cancellationToken)
    {
        LogDeadLettered(failure, id, failure.DeadLetterReason);
        metrics.Failed(EntityNames.DocumentsQueue, failure.DeadLetterReason);
        var now = timeProvider.GetUtcNow();
        var failed = processing is null
            ? new DocumentStatus(id, DocumentState.Failed, "", null, null, 0, "", now, Replica.Name)
            : processing with { State = DocumentState.Failed, UpdatedAt = now };
        await statuses.SetAsync(failed with { FailureReason = failure.DeadLetterReason, FailureDescription = failure.Message });

        // The blob stays: the dead-letter message still refers to it, so the sweeper keeps it too.
        await args.DeadLetterMessageAsync(args.Message, failure.DeadLetterReason, failure.Message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Document {DocumentId} processed: {Bytes} bytes, {Lines} lines, {Words} words, by {Replica}")]
    private partial void LogProcessed(string documentId, long bytes, long lines, long words, string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(Exception exception, string documentId, string reason);
}
