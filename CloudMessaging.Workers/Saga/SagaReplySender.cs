using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Workers.Saga;

/// <summary>Sends participants' answers into the order's session on the <c>saga</c> queue.</summary>
public sealed class SagaReplySender(ServiceBusClient client) : IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(EntityNames.SagaQueue);

    public Task SendAsync(StepCommand command, ParticipantResult result, string replica, CancellationToken cancellationToken)
    {
        var reply = new StepReply(command.OrderId, command.Step, command.Action, command.Attempt, result.Outcome, result.Reason, replica);
        var message = new ServiceBusMessage(SagaJson.Serialize(reply))
        {
            MessageId = $"{command.MessageId}:{result.Outcome}".ToLowerInvariant(),
            SessionId = command.OrderId,
            CorrelationId = command.OrderId,
            Subject = SagaMessageSubjects.Reply,
            ContentType = "application/json",
        };
        return _sender.SendMessageAsync(message, cancellationToken);
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
