using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Observability;

/// <summary>
/// An AppHost whose api and workers export OTLP to an <see cref="OtlpReceiver"/> in the test, with short export
/// intervals, so a test sees within a second or two what the dashboard would show.
/// </summary>
public sealed class TelemetryAppHostFixture : AppHostFixture
{
    public OtlpReceiver Receiver { get; private set; } = null!;

    protected override async Task ConfigureAsync(IDistributedApplicationTestingBuilder builder)
    {
        Receiver = await OtlpReceiver.StartAsync();
        foreach (var app in new[] { "api", WorkerReplicas.ResourceName })
        {
            builder.CreateResourceBuilder<ProjectResource>(app)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Receiver.Endpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "500")
                .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "1000")
                // A handled message's success is logged at Debug (README, Observability); the
                // message-story test reads the workers' job line, as someone following one message would switch it on.
                .WithEnvironment("Logging__LogLevel__CloudMessaging.Workers.RequestReply", "Debug");
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
