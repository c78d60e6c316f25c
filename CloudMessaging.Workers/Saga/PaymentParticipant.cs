using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Saga;
using Microsoft.Extensions.Options;

using CloudMessaging.Workers.Messaging;

namespace CloudMessaging.Workers.Saga;

/// <summary>Charges the customer (the saga's pivot); its compensation refunds the charge.</summary>
public sealed class PaymentParticipant(
    ServiceBusClient client,
    PaymentStore store,
    SagaReplySender replies,
    IOptions<SagaOptions> options,
    TimeProvider time,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    ILogger<PaymentParticipant> logger)
    : SagaParticipant(client, replies, options, time, replica, drain, logger, EntityNames.PaymentQueue)
{
    protected override Task<ParticipantResult> DoAsync(StepCommand command) =>
        store.ChargeAsync(command.OrderId, command.CustomerId, command.Amount, command.Fail);

    protected override Task<ParticipantResult> UndoAsync(StepCommand command) => store.RefundAsync(command.OrderId);
}
