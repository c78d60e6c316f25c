using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;

namespace CloudMessaging.Api.Smoke;

/// <summary>The API's one long-lived sender to the <c>smoke</c> queue (a sender per request would attach a link each time).</summary>
public sealed class SmokeSender(ServiceBusClient client) : IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(EntityNames.SmokeQueue);

    public Task SendAsync(string id, CancellationToken cancellationToken) =>
        _sender.SendMessageAsync(new ServiceBusMessage(BinaryData.FromString(id)) { MessageId = id }, cancellationToken);

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
