using System.Net;
using System.Text.Json;

namespace CloudMessaging.Tests.Infrastructure;

/// <summary>
/// A Server-Sent Event stream of the API read as EventSource reads it (comments skipped, one event per blank line),
/// one event at a time, so a test can wait on a stream that never ends for the event it expects.
/// </summary>
internal sealed class LiveEventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private LiveEventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public sealed record Event(string? Id, string Type, JsonElement Data);

    public static async Task<LiveEventStream> OpenAsync(HttpClient api, string path, CancellationToken cancellationToken)
    {
        var response = await api.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LiveEventStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    /// <summary>The next event, or null once the server has ended the stream.</summary>
    public async Task<Event?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new Event(id, type ?? "message", JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line["id:".Length..].Trim();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }

        return null;
    }

    /// <summary>Reads events until one satisfies <paramref name="condition"/>; every event read on the way is kept in <paramref name="seen"/>.</summary>
    public async Task<Event> WaitForAsync(Func<JsonElement, bool> condition, List<Event> seen, CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } next)
        {
            seen.Add(next);
            if (condition(next.Data))
            {
                return next;
            }
        }

        throw new InvalidOperationException($"The stream ended after {seen.Count} event(s) without the one awaited.");
    }

    /// <summary>Reads to the end of a stream the server closes by itself.</summary>
    public async Task<List<Event>> ReadToEndAsync(CancellationToken cancellationToken)
    {
        var events = new List<Event>();
        while (await NextAsync(cancellationToken) is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
