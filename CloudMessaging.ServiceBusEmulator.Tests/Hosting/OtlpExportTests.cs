using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Hosting;

/// <summary>
/// The emulator process exports over OTLP (HTTP/protobuf) when the standard OpenTelemetry environment names an
/// endpoint, as Aspire gives it: an in-test OTLP receiver gets its spans, in the producer's trace, and its metrics.
/// </summary>
public sealed class OtlpExportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sbemulator-otlp-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task With_an_otlp_endpoint_the_process_exports_its_spans_in_the_producers_trace_and_its_metrics()
    {
        var config = Path.Combine(_directory, "Config.json");
        await File.WriteAllTextAsync(config, """{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", "Queues": [ { "Name": "traced" } ] } ], "Logging": { "Type": "Console" } } }""");
        using var receiver = new OtlpReceiver(EmulatorProcess.FreePort());
        var httpPort = EmulatorProcess.FreePort();
        using var emulator = EmulatorProcess.Start($"--config {config} --port 0 --http-port {httpPort}", out var output, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "servicebus-emulator-under-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await EmulatorProcess.WaitForHealthAsync(http, httpPort);
            var connectionString = EmulatorProcess.ConnectionStringPattern().Match(output.ToString()).Groups[1].Value;
            var producer = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
            await using var client = new ServiceBusClient(connectionString);
            await using var sender = client.CreateSender("traced");
            await sender.SendMessageAsync(new ServiceBusMessage("x") { ApplicationProperties = { ["Diagnostic-Id"] = $"00-{producer.TraceId}-{producer.SpanId}-01" } });

            // Protobuf carries strings as UTF-8 and ids as raw bytes, so the export can be searched without decoding it.
            var traceId = Convert.FromHexString(producer.TraceId.ToHexString());
            await Eventually.HoldsAsync(
                () => receiver.Received("/v1/traces", body => Contains(body, traceId) && Contains(body, "send traced"u8)),
                TimeSpan.FromSeconds(30),
                "an exported span 'send traced' in the producer's trace");
            await Eventually.HoldsAsync(
                () => receiver.Received("/v1/metrics", body => Contains(body, "servicebus.emulator.messages.sent"u8) && Contains(body, "servicebus-emulator-under-test"u8)),
                TimeSpan.FromSeconds(30),
                "exported emulator metrics under the configured service name");
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
        }
    }

    private static bool Contains(byte[] body, ReadOnlySpan<byte> value) => body.AsSpan().IndexOf(value) >= 0;

    /// <summary>Accepts OTLP/HTTP exports on loopback and keeps their bodies by path.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();

        public OtlpReceiver(int port)
        {
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public string Endpoint { get; }

        public bool Received(string path, Func<byte[], bool> match) => _exports.Any(e => e.Path == path && match(e.Body));

        public void Dispose() => _listener.Close();

        private async Task AcceptAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
