using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.ClaimCheck;

namespace CloudMessaging.Api.ClaimCheck;

/// <summary>
/// The API's senders for the claim-check pattern, opened once: a sender is an AMQP link, too costly to open per
/// request.
/// </summary>
public sealed class DocumentSenders(ServiceBusClient client, ClaimCheckOffloader offloader) : IAsyncDisposable
{
    /// <summary>Explicit claim checks: the API uploads the document itself and sends the reference.</summary>
    public ServiceBusSender Documents { get; } = client.CreateSender(EntityNames.DocumentsQueue);

    /// <summary>Automatic claim checks: bodies over the inline threshold are offloaded on send.</summary>
    public ClaimCheckSender Notes { get; } = client.CreateSender(EntityNames.DocumentNotesQueue).WithClaimCheck(offloader);

    public async ValueTask DisposeAsync()
    {
        await Documents.DisposeAsync();
        await Notes.InnerSender.DisposeAsync();
    }
}
