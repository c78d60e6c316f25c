using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudMessaging.Web.Hosting;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Web.Api;

/// <summary>
/// The one way the pages talk to CloudMessaging.Api. Every call answers an <see cref="ApiResponse{T}"/> instead of
/// throwing, so a page can show a refusal next to its field and an outage as an outage. Redirects are not followed
/// (the request-reply page shows the 303). Pattern pages keep their routes and records in their own folder
/// (docs/web.md) and call the generic methods here.
/// </summary>
public sealed class CloudMessagingApi(HttpClient http, IOptions<WebOptions> options)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public Uri BaseAddress => http.BaseAddress!;

    public Task<ApiResponse<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, content: null, cancellationToken);

    public Task<ApiResponse<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, JsonBody(body), cancellationToken);

    public Task<ApiResponse<T>> PutAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, JsonBody(body), cancellationToken);

    public Task<ApiResponse<T>> DeleteAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Delete, path, content: null, cancellationToken);

    /// <summary>A raw JSON body, sent as typed (the filter editor sends what the person wrote).</summary>
    public Task<ApiResponse<T>> SendJsonTextAsync<T>(HttpMethod method, string path, string json, CancellationToken cancellationToken = default) =>
        SendAsync<T>(method, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>Streams <paramref name="body"/> to the API as it is read, never buffering it (claim-check uploads of 1 GiB).</summary>
    public async Task<ApiResponse<T>> UploadAsync<T>(string path, Stream body, string? contentType, long? length, CancellationToken cancellationToken)
    {
        var content = new StreamContent(body, 81920);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = length;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        return await ExchangeAsync<T>(request, cancellationToken);
    }

    /// <summary>
    /// Reads a Server-Sent Events stream (the request-reply job events) until the API ends it or the caller cancels.
    /// Ends quietly when the stream cannot be opened; <paramref name="onOpenFailed"/> hears why.
    /// </summary>
    public async IAsyncEnumerable<T> StreamEventsAsync<T>(
        string path, Action<ApiProblem>? onOpenFailed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            onOpenFailed?.Invoke(ApiProblem.Unreachable(ex.Message));
            yield break;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                onOpenFailed?.Invoke(await ReadProblemAsync(response, cancellationToken));
                yield break;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<T>(data, Json));
            await foreach (var item in parser.EnumerateAsync(cancellationToken))
            {
                if (item.Data is { } value)
                {
                    yield return value;
                }
            }
        }
    }

    private async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ApiCallTimeout);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            return await ExchangeAsync<T>(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable<T>(request, $"No answer within {options.Value.ApiCallTimeout.TotalSeconds:0} s.");
        }
    }

    private async Task<ApiResponse<T>> ExchangeAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return Unreachable<T>(request, ex.Message);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var exchange = new ApiExchange(DateTimeOffset.UtcNow, request.Method.Method, PathOf(request), status, ProtocolHeaders(response));
            if (status >= 400)
            {
                return new ApiResponse<T>(status, default, await ReadProblemAsync(response, cancellationToken), exchange);
            }

            var value = response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                : default;
            return new ApiResponse<T>(status, value, null, exchange);
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
                && await response.Content.ReadFromJsonAsync<ApiProblem>(Json, cancellationToken) is { } problem)
            {
                return new ApiProblem
                {
                    Status = problem.Status ?? status,
                    Title = problem.Title,
                    Detail = problem.Detail,
                    Errors = problem.Errors,
                    Extensions = problem.Extensions,
                    IsUnavailable = status is 502 or 503 or 504,
                };
            }
        }
        catch (JsonException)
        {
            // Not a problem document after all: fall through to the status line.
        }

        return new ApiProblem { Status = status, Title = $"HTTP {status} {response.ReasonPhrase}", IsUnavailable = status is 502 or 503 or 504 };
    }

    private static List<KeyValuePair<string, string>> ProtocolHeaders(HttpResponseMessage response) =>
        [.. ApiExchange.ProtocolHeaders
            .Select(name => (name, values: response.Headers.TryGetValues(name, out var found) || response.Content.Headers.TryGetValues(name, out found) ? found : null))
            .Where(header => header.values is not null)
            .Select(header => KeyValuePair.Create(header.name, string.Join(", ", header.values!)))];

    private static ApiResponse<T> Unreachable<T>(HttpRequestMessage request, string reason) =>
        new(0, default, ApiProblem.Unreachable(reason), new ApiExchange(DateTimeOffset.UtcNow, request.Method.Method, PathOf(request), 0, []));

    /// <summary>The path as the page shows it: relative to the API (the client resolved it against the base address).</summary>
    private static string PathOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString ?? "";

    private static JsonContent? JsonBody(object? body) => body is null ? null : JsonContent.Create(body, body.GetType(), options: Json);
}
