using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Workers.RequestReply;

/// <summary>
/// Service Bus native request-reply: prices a quote request and sends the answer to the entity in ReplyTo, in the
/// session named by ReplyToSessionId, correlated to the request's MessageId. The requester waits on that session.
/// </summary>
public sealed partial class QuoteResponder(ReplySenders senders, ReplicaIdentity replica, TimeProvider timeProvider, ILogger<QuoteResponder> logger)
{
    public async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        var message = args.Message;
        QuoteRequest? request;
        try
        {
            request = message.Body.ToObjectFromJson<QuoteRequest>(RequestReplyJson.Options);
        }
        catch (JsonException ex)
        {
            await args.DeadLetterMessageAsync(message, "InvalidQuoteRequest", ex.Message, cancellationToken);
            return;
        }

        if (request is null || !PriceList.UnitPrices.ContainsKey(request.Product) || request.Quantity <= 0)
        {
            await args.DeadLetterMessageAsync(message, "InvalidQuoteRequest", "The request names no known product or no positive quantity.", cancellationToken);
            return;
        }

        if (string.IsNullOrEmpty(message.ReplyTo) || string.IsNullOrEmpty(message.ReplyToSessionId))
        {
            await args.DeadLetterMessageAsync(message, "MissingReplyAddress", "A quote request needs ReplyTo and ReplyToSessionId.", cancellationToken);
            return;
        }

        if (request.DelayMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(request.DelayMs), timeProvider, cancellationToken);
        }

        var reply = new QuoteReply(
            request.Id,
            request.Product,
            request.Quantity,
            PriceList.UnitPrices[request.Product],
            PriceList.DiscountPercent(request.Quantity),
            PriceList.Total(request.Product, request.Quantity),
            replica.Name,
            timeProvider.GetUtcNow());

        await senders.For(message.ReplyTo).SendMessageAsync(
            new ServiceBusMessage(BinaryData.FromObjectAsJson(reply, RequestReplyJson.Options))
            {
                SessionId = message.ReplyToSessionId,
                CorrelationId = message.MessageId,
                ContentType = "application/json",
                Subject = "quote-reply",
            },
            cancellationToken);
        LogAnswered(replica, request.Id, message.ReplyTo, message.ReplyToSessionId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica {Replica} answered quote {Id} to {ReplyTo}/{Session}")]
    private partial void LogAnswered(ReplicaIdentity replica, string id, string? replyTo, string? session);
}
