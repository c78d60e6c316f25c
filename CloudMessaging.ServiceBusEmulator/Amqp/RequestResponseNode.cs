using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// A request/response node (<c>$cbs</c>, <c>&lt;entity&gt;/$management</c>). The client attaches a pair of links; the
/// reply goes out on the link whose target is the request's reply-to, correlated by the request's message-id.
/// </summary>
internal abstract class RequestResponseNode(ILogger logger)
{
    protected ILogger Logger { get; } = logger;

    public void AttachRequestLink(ReceivingAmqpLink link, ConnectionContext connection) =>
        link.RegisterMessageListener(request => OnRequest(link, connection, request));

    public static void AttachReplyLink(SendingAmqpLink link, ConnectionContext connection)
    {
        // The .NET SDK addresses replies to the reply link's target; the JavaScript SDK's CBS client leaves the
        // target empty and names the link after its reply-to instead. The service accepts both, so do we.
        var target = (link.Settings.Target as Target)?.Address?.ToString();
        var replyTo = string.IsNullOrEmpty(target) ? link.Name : target;
        if (string.IsNullOrEmpty(replyTo) || !connection.ReplyLinks.TryAdd(replyTo, link))
        {
            throw new AmqpException(ErrorConditions.NotAllowed, $"A reply link needs a unique target address or name; '{replyTo}' is not.");
        }

        link.SafeAddClosed((_, _) => connection.ReplyLinks.TryRemove(new KeyValuePair<string, SendingAmqpLink>(replyTo, link)));
    }

    protected abstract AmqpMessage Handle(AmqpMessage request, ConnectionContext connection);

    /// <summary>The answer when the request's changes could not be made durable.</summary>
    protected virtual AmqpMessage StorageFailed(BrokerException failure) => AmqpMessage.Create();

    private void OnRequest(ReceivingAmqpLink link, ConnectionContext connection, AmqpMessage request)
    {
        using (request)
        {
            try
            {
                // Settle every request, pre-settled ones included: settling is what gives the link its credit back,
                // and the SDK sends management requests pre-settled, so skipping them starves the link after
                // its first thousand requests.
                link.DisposeMessage(request, AmqpConstants.AcceptedOutcome, true, false);

                var replyTo = request.Properties?.ReplyTo?.ToString();
                if (replyTo is null || !connection.ReplyLinks.TryGetValue(replyTo, out var replyLink))
                {
                    Logger.LogRequestWithoutReplyLink(link.Name, replyTo);
                    return;
                }

                DurableWrites.Begin();
                var response = Handle(request, connection);
                var messageId = request.Properties!.MessageId;
                if (DurableWrites.End() is { } commit)
                {
                    // Answered once the changes are on disk, so a reply always means "durable".
                    DurableAcknowledgement.WhenDurable(commit, failure => Reply(replyLink, failure is null ? response : StorageFailed(failure), messageId));
                    return;
                }

                Reply(replyLink, response, messageId);
            }
            catch (Exception ex)
            {
                Logger.LogRequestFailed(ex, link.Name);
            }
        }
    }

    private static void Reply(SendingAmqpLink replyLink, AmqpMessage response, MessageId messageId)
    {
        response.Properties.CorrelationId = messageId;
        response.Settled = true;
        replyLink.SendMessageNoWait(response, AmqpConstants.EmptyBinary, AmqpConstants.NullBinary);
    }
}
