using CloudMessaging.ServiceBusEmulator.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CloudMessaging.ServiceBusEmulator.Hosting;

/// <summary>
/// Exports the broker's spans, metrics and logs over OTLP when the standard OpenTelemetry environment names an
/// endpoint (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; Aspire gives it to every project, the emulator included), with the
/// service name and the rest from the same environment. Without it nothing listens and nothing is recorded.
/// </summary>
internal static class EmulatorOpenTelemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddEmulatorOpenTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(EmulatorTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(EmulatorTelemetry.Name))
            .UseOtlpExporter();
        return builder;
    }
}
