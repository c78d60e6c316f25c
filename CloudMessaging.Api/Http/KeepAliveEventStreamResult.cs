using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.Http;

/// <summary>
/// Server-Sent Events like <c>TypedResults.ServerSentEvents</c> (<c>id:</c>, <c>event:</c>, <c>data:</c> as JSON with the
/// app's serializer options, flushed per event), plus a <c>: keep-alive</c> comment whenever the stream has been silent
/// for <paramref name="keepAlive"/>. Clients ignore comments; proxies and load balancers with an idle timeout see traffic
/// and leave a long, quiet stream open. After <paramref name="lifetime"/> the stream ends, so no caller holds a connection
/// forever; EventSource clients reconnect by themselves.
/// </summary>
internal sealed class KeepAliveEventStreamResult<T>(IAsyncEnumerable<SseItem<T>> events, TimeSpan keepAlive, TimeSpan lifetime) : IResult
{
    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        // The producer is stopped through its own token, so a pending MoveNextAsync always finishes before disposal.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        stop.CancelAfter(lifetime);
        var enumerator = events.GetAsyncEnumerator(stop.Token);
        var next = enumerator.MoveNextAsync().AsTask();
        try
        {
            await response.StartAsync(context.RequestAborted);
            while (true)
            {
                while (!await CompletesWithinAsync(next, keepAlive, context.RequestAborted))
                {
                    context.RequestAborted.ThrowIfCancellationRequested();
                    await response.Body.WriteAsync(KeepAliveComment, context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                }

                if (!await next)
                {
                    return;
                }

                await response.Body.WriteAsync(Format(enumerator.Current, json), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                next = enumerator.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away (nobody left to write to), or the stream reached its lifetime.
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(next);
            await enumerator.DisposeAsync();
        }
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var winner = await Task.WhenAny(task, Task.Delay(timeout, quiet.Token));
        await quiet.CancelAsync();
        return winner == task;
    }

    private static byte[] Format(SseItem<T> item, JsonSerializerOptions json)
    {
        var text = new StringBuilder();
        if (item.EventId is { } id)
        {
            text.Append("id: ").Append(id).Append('\n');
        }

        text.Append("event: ").Append(item.EventType).Append('\n');

        // A payload that spans lines (indented JSON) needs one data field per line; the client joins them with '\n'.
        foreach (var line in JsonSerializer.Serialize(item.Data, json).Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append('\n').ToString());
    }
}
