using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CloudMessaging.Api.Security;
using StackExchange.Redis;

namespace CloudMessaging.Api.Http;

/// <summary>
/// Server-Sent Events of a read model that Redis holds without a change channel (counters, a saga's mirror): the
/// server reads it every <see cref="LiveStreamOptions.PollInterval"/> and sends it whenever its JSON differs from what
/// it sent last, until it is final. One reader per page on the server, instead of every browser polling the API.
/// The handler reads the first value itself, so an unknown resource is a 404 and an outage a 503 before the stream starts.
/// </summary>
internal static class PolledEventStream
{
    public static IResult Create<T>(
        T first,
        Func<Task<T?>> read,
        Func<T, bool> isFinal,
        string eventType,
        JsonSerializerOptions json,
        LiveStreamOptions options,
        SecurityOptions security,
        TimeProvider time,
        CancellationToken cancellationToken)
        where T : class =>
        new KeepAliveEventStreamResult<JsonElement>(
            EventsAsync(first, read, isFinal, eventType, json, options.PollInterval, time, cancellationToken),
            options.KeepAlive,
            security.MaxEventStreamLifetime);

    private static async IAsyncEnumerable<SseItem<JsonElement>> EventsAsync<T>(
        T first,
        Func<Task<T?>> read,
        Func<T, bool> isFinal,
        string eventType,
        JsonSerializerOptions json,
        TimeSpan interval,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var sequence = 0;
        var sent = JsonSerializer.SerializeToElement(first, json);
        yield return Event(sent, eventType, ++sequence);
        if (isFinal(first))
        {
            yield break;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            T? current;
            try
            {
                current = await read();
            }
            catch (Exception exception) when (exception is RedisTimeoutException or RedisConnectionException)
            {
                // Redis briefly away: the stream stays open and catches up on a later tick.
                continue;
            }

            if (current is null)
            {
                // The model expired or was removed: nothing more will change.
                yield break;
            }

            var next = JsonSerializer.SerializeToElement(current, json);
            if (JsonElement.DeepEquals(next, sent))
            {
                continue;
            }

            sent = next;
            yield return Event(sent, eventType, ++sequence);
            if (isFinal(current))
            {
                yield break;
            }
        }
    }

    private static SseItem<JsonElement> Event(JsonElement data, string eventType, int sequence) =>
        new(data, eventType) { EventId = sequence.ToString(CultureInfo.InvariantCulture) };
}
