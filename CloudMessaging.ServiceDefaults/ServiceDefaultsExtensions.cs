using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every CloudMessaging service shares: OpenTelemetry, health checks, service discovery and resilient HTTP
/// clients. Lives in the Microsoft.Extensions.Hosting namespace, as Aspire's template does, so one call sets it up.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // The Azure SDK only emits its Service Bus send/process activities when this switch is on; with it, the
        // Diagnostic-Id the SDK stamps on each message continues a request's trace from the API into the worker.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Azure.*", Telemetry.MeterName, Telemetry.PatternMetersName))
            .WithTracing(tracing => tracing
                .SetSampler(TracesSampler(builder))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("Azure.*", Telemetry.ActivitySourceName, Telemetry.BackgroundSourceName)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.AddHostedService<TelemetryFlushOnStop>();
        }

        return builder;
    }

    /// <summary>
    /// Every trace a request starts is kept whole; background passes (escalators, the claim-check sweeper, health
    /// checks) start none unless <see cref="Telemetry.TraceBackgroundWorkKey"/> asks for them.
    /// </summary>
    private static Sampler TracesSampler(IHostApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool>(Telemetry.TraceBackgroundWorkKey)
            ? new ParentBasedSampler(new AlwaysOnSampler())
            : new ParentBasedSampler(new BackgroundWorkSampler());

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>
    /// <c>/health</c>: every check (the dashboard and container probes use it for readiness);
    /// <c>/alive</c>: only the process itself, so a slow dependency never gets a replica restarted.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // The platform's probes carry no token: the probes stay anonymous when the API requires authentication.
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).AllowAnonymous();
        return app;
    }
}
