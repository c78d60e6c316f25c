using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

/// <summary>
/// The API's one long-lived sender to the <c>jobs</c> queue. The SDK stamps each message's Diagnostic-Id from the
/// current activity, which carries the HTTP request's trace into the worker.
/// </summary>
public sealed class JobSender(ServiceBusClient client) : IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(EntityNames.JobsQueue);

    public Task SendJobAsync(JobMessage job, string correlationId, CancellationToken cancellationToken) =>
        _sender.SendMessageAsync(
            new ServiceBusMessage(BinaryData.FromObjectAsJson(job, RequestReplyJson.Options))
            {
                MessageId = job.Id,
                CorrelationId = correlationId,
                ContentType = "application/json",
                Subject = MessageSubjects.Job,
                ApplicationProperties = { ["kind"] = job.Kind },
            },
            cancellationToken);

    /// <summary>Asks for a quote; the worker answers to <c>replies</c> in the session named <paramref name="replySessionId"/>.</summary>
    public Task SendQuoteAsync(QuoteRequest request, string replySessionId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        _sender.SendMessageAsync(
            new ServiceBusMessage(BinaryData.FromObjectAsJson(request, RequestReplyJson.Options))
            {
                MessageId = request.Id,
                CorrelationId = Activity.Current?.TraceId.ToString() ?? request.Id,
                ContentType = "application/json",
                Subject = MessageSubjects.Quote,
                ReplyTo = EntityNames.RepliesQueue,
                ReplyToSessionId = replySessionId,
                TimeToLive = timeToLive,
            },
            cancellationToken);

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
