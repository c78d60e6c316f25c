using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Saga;
using Microsoft.Extensions.Options;

using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.Saga;

/// <summary>Reserves stock for an order; its compensation releases it.</summary>
public sealed class InventoryParticipant(
    ServiceBusClient client,
    InventoryStore store,
    SagaReplySender replies,
    IOptions<SagaOptions> options,
    TimeProvider time,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    ILogger<InventoryParticipant> logger)
    : SagaParticipant(client, replies, options, time, replica, drain, logger, EntityNames.InventoryQueue)
{
    protected override Task<ParticipantResult> DoAsync(StepCommand command) => store.ReserveAsync(command.OrderId, command.Items, command.Fail);

    protected override Task<ParticipantResult> UndoAsync(StepCommand command) => store.ReleaseAsync(command.OrderId);
}
