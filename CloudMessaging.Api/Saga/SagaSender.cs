using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Api.Saga;

/// <summary>
/// Records a new order as Pending and sends the message that starts its saga into the order's own session. The
/// record comes first, so that the Location the API answers with never 404s.
/// </summary>
public sealed class SagaSender(ServiceBusClient client, SagaOrderStore orders, TimeProvider time) : IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(EntityNames.SagaQueue);

    internal async Task<SagaState> StartAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        var orderId = Guid.NewGuid().ToString("N");
        var start = order.ToStart(orderId, time.GetUtcNow());
        var pending = SagaState.Submitted(start, SagaStatus.Pending);
        await orders.CreatePendingAsync(pending);
        await _sender.SendMessageAsync(new ServiceBusMessage(SagaJson.Serialize(start))
        {
            MessageId = orderId,
            SessionId = orderId,
            CorrelationId = orderId,
            Subject = SagaMessageSubjects.Start,
            ContentType = "application/json",
        }, cancellationToken);
        return pending;
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
