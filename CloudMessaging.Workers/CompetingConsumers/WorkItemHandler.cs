using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.CompetingConsumers;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Idempotency;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>
/// Handles one delivery of a work item, for the plain and the ordered queue alike: skip it if its effect was already
/// applied, otherwise do the work and apply the effect once; on failure abandon it for another try, or dead-letter
/// it with the error on its last allowed delivery.
/// </summary>
public sealed partial class WorkItemHandler(
    IdempotencyStore idempotency,
    WorkStore store,
    CompetingConsumersMetrics metrics,
    ReplicaIdentity replica,
    IOptions<CompetingConsumersOptions> options,
    ILogger<WorkItemHandler> logger)
{
    public const string InvalidBodyReason = "InvalidBody";

    public const string ProcessingFailedReason = "ProcessingFailed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(
        ServiceBusReceivedMessage message,
        string idempotencyScope,
        Action<ITransaction, WorkItem> effect,
        IWorkSettlement settlement,
        CancellationToken cancellationToken)
    {
        if (TryRead(message) is not { } item)
        {
            await settlement.DeadLetterAsync(InvalidBodyReason, "The body is not a JSON work item.");
            await store.DeadLetteredAsync(null);
            metrics.DeadLettered(idempotencyScope, InvalidBodyReason);
            return;
        }

        // Cheap check first: a redelivered item that was applied costs no work. The transaction below still decides.
        if (await idempotency.FindAsync(idempotencyScope, message.MessageId) is { } record)
        {
            LogAlreadyApplied(replica, message.MessageId, record.AppliedBy);
            await store.DuplicateSuppressedAsync(item);
            metrics.DuplicateSuppressed(idempotencyScope);
            return;
        }

        await store.InFlightAsync(+1);
        try
        {
            await WorkSimulator.RunAsync(item, ReplayCount(message), cancellationToken);
            var applied = await idempotency.TryApplyOnceAsync(idempotencyScope, message.MessageId, replica.Name, transaction => effect(transaction, item));
            if (applied)
            {
                metrics.Applied(idempotencyScope);
            }
            else
            {
                LogLostRace(replica, message.MessageId);
                await store.DuplicateSuppressedAsync(item);
                metrics.DuplicateSuppressed(idempotencyScope);
            }
        }
        catch (WorkItemFailedException failure)
        {
            if (message.DeliveryCount >= options.Value.MaxDeliveryCount)
            {
                LogDeadLettered(replica, message.MessageId, message.DeliveryCount, failure.Message);
                await settlement.DeadLetterAsync(ProcessingFailedReason, $"Failed on delivery {message.DeliveryCount} of {options.Value.MaxDeliveryCount}: {failure.Message}");
                await store.DeadLetteredAsync(item);
                metrics.DeadLettered(idempotencyScope, ProcessingFailedReason);
            }
            else
            {
                await store.TransientFailureAsync(item);
                await settlement.AbandonAsync();
            }
        }
        finally
        {
            await store.InFlightAsync(-1);
        }
    }

    private static WorkItem? TryRead(ServiceBusReceivedMessage message)
    {
        try
        {
            return message.Body.ToObjectFromJson<WorkItem>(Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int ReplayCount(ServiceBusReceivedMessage message) =>
        message.ApplicationProperties.TryGetValue(WorkProperties.ReplayCount, out var value) && value is int count ? count : 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} skipped {MessageId}: already applied by {AppliedBy}")]
    private partial void LogAlreadyApplied(ReplicaIdentity replica, string messageId, string appliedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} lost the race for {MessageId}: another replica applied it")]
    private partial void LogLostRace(ReplicaIdentity replica, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica} dead-lettered {MessageId} after {Deliveries} deliveries: {Error}")]
    private partial void LogDeadLettered(ReplicaIdentity replica, string messageId, int deliveries, string error);
}
