using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.RequestReply;
using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.RequestReply;

/// <summary>
/// Drains the <c>jobs</c> dead-letter queue: a job whose message Service Bus gave up on (MaxDeliveryCount exceeded,
/// expired, or rejected as invalid) becomes Failed with the dead-letter reason, so no client polls it forever.
/// </summary>
public sealed partial class JobDeadLetterProcessor(
    ServiceBusClient client,
    JobStore store,
    RequestReplyMetrics metrics,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    ILogger<JobDeadLetterProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, EntityNames.JobsQueue, new ServiceBusProcessorOptions
    {
        SubQueue = SubQueue.DeadLetter,
        MaxConcurrentCalls = 2,
    })
{
    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        var message = args.Message;
        if (message.Subject == MessageSubjects.Quote)
        {
            // The requester has timed out on its reply session by now; nothing holds state to update.
            LogQuoteDeadLettered(message.MessageId, message.DeadLetterReason);
            return;
        }

        var problem = new JobProblem(
            "The job's message was dead-lettered.",
            $"{message.DeadLetterReason}: {message.DeadLetterErrorDescription} (after {message.DeliveryCount} deliveries)");
        if (await store.FailAsync(message.MessageId, replica: null, problem) is not null)
        {
            metrics.JobFinished(JobStatus.Failed, ran: null);
            LogJobDeadLettered(message.MessageId, message.DeadLetterReason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quote request {Id} dead-lettered: {Reason}")]
    private partial void LogQuoteDeadLettered(string id, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Id} failed: dead-lettered ({Reason})")]
    private partial void LogJobDeadLettered(string id, string? reason);
}
