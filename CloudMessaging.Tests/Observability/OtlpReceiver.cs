using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.Tests.Observability;

/// <summary>
/// An OTLP/HTTP (protobuf) collector in the test process, on a loopback port: the apps export their traces, logs and
/// metrics to it as they would to the dashboard, and the tests read what arrived.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();
    private readonly ConcurrentQueue<ReceivedMetricPoint> _metrics = new();
    private readonly WebApplication _app;
    private int _metricExports;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>Where the apps send: OTEL_EXPORTER_OTLP_ENDPOINT with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public IReadOnlyCollection<ReceivedLog> Logs => _logs;

    public IReadOnlyCollection<ReceivedMetricPoint> MetricPoints => _metrics;

    /// <summary>Metric export requests received so far: every process sends one per export interval, so they also tick like a clock.</summary>
    public int MetricExports => Volatile.Read(ref _metricExports);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", (HttpRequest request) => receiver.ReceiveAsync(request, body => Enqueue(receiver._spans, OtlpDecoder.Spans(body))));
        app.MapPost("/v1/logs", (HttpRequest request) => receiver.ReceiveAsync(request, body => Enqueue(receiver._logs, OtlpDecoder.Logs(body))));
        app.MapPost("/v1/metrics", (HttpRequest request) => receiver.ReceiveAsync(request, body =>
        {
            Enqueue(receiver._metrics, OtlpDecoder.MetricPoints(body));
            Interlocked.Increment(ref receiver._metricExports);
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Enqueue<T>(ConcurrentQueue<T> queue, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            queue.Enqueue(item);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, Action<ByteString> decode)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        decode(ByteString.CopyFrom(buffer.GetBuffer(), 0, (int)buffer.Length));
        // An empty Export*ServiceResponse: everything accepted.
        return Results.Bytes([], "application/x-protobuf");
    }
}
