using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Saga;
using Microsoft.Extensions.Options;

using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.Saga;

/// <summary>Schedules the shipment; its compensation cancels it (needed when shipping timed out, not when it refused).</summary>
public sealed class ShippingParticipant(
    ServiceBusClient client,
    ShippingStore store,
    SagaReplySender replies,
    IOptions<SagaOptions> options,
    TimeProvider time,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    ILogger<ShippingParticipant> logger)
    : SagaParticipant(client, replies, options, time, replica, drain, logger, EntityNames.ShippingCommandsQueue)
{
    protected override Task<ParticipantResult> DoAsync(StepCommand command) => store.ScheduleAsync(command.OrderId, command.Fail);

    protected override Task<ParticipantResult> UndoAsync(StepCommand command) => store.CancelAsync(command.OrderId);
}
