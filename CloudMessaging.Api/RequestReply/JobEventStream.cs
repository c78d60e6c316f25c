using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CloudMessaging.Api.Http;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.RequestReply;
using CloudMessaging.Api.Security;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Api.RequestReply;

/// <summary>
/// Server-Sent Events for one job: the current status first, then every change published on the job's Redis channel,
/// in version order, until a final state. Pub/sub is fire-and-forget, so a quiet stream re-reads the status now and then,
/// and sends a keep-alive comment (<see cref="RequestReplyOptions.EventStreamKeepAlive"/>) so idle timeouts leave it open.
/// </summary>
internal static class JobEventStream
{
    public const string EventType = "status";

    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(5);

    public static async Task<IResult> StreamAsync(
        string id, HttpContext context, JobStore store, IOptions<RequestReplyOptions> options, IOptions<SecurityOptions> security, CancellationToken cancellationToken)
    {
        if (RequestValues.CheckIdentifier(id, "id") is { } idError)
        {
            return idError;
        }

        // Subscribe before reading the current status, so no change falls between the two; the one read also tells
        // an unknown job. The subscription ends with the response, however it ends.
        var subscription = await store.SubscribeAsync(id);
        context.Response.OnCompleted(() => subscription.UnsubscribeAsync());
        if (await store.GetAsync(id) is not { } current)
        {
            return JobEndpoints.UnknownJob(id);
        }

        return new KeepAliveEventStreamResult<JobStatusResponse>(
            EventsAsync(id, current, subscription, store, cancellationToken), options.Value.EventStreamKeepAlive, security.Value.MaxEventStreamLifetime);
    }

    private static async IAsyncEnumerable<SseItem<JobStatusResponse>> EventsAsync(
        string id, JobRecord current, ChannelMessageQueue subscription, JobStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Event(current);
        while (!current.Status.IsFinal())
        {
            if (await NextAsync(id, subscription, store, cancellationToken) is not { } next)
            {
                yield break;
            }

            if (next.Version > current.Version)
            {
                current = next;
                yield return Event(current);
            }
        }
    }

    private static async Task<JobRecord?> NextAsync(string id, ChannelMessageQueue subscription, JobStore store, CancellationToken cancellationToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quiet.CancelAfter(Resync);
        try
        {
            var message = await subscription.ReadAsync(quiet.Token);
            return JsonSerializer.Deserialize<JobRecord>(message.Message.ToString(), RequestReplyJson.Options);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await store.GetAsync(id);
        }
    }

    private static SseItem<JobStatusResponse> Event(JobRecord record) =>
        new(JobStatusResponse.From(record), EventType) { EventId = record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
