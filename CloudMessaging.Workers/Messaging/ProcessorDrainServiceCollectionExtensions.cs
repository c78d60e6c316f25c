namespace CloudMessaging.Workers.Messaging;

public static class ProcessorDrainServiceCollectionExtensions
{
    /// <summary>The drain every processor stops with, configured from <c>Workers:DrainTimeout</c>.</summary>
    public static IHostApplicationBuilder AddProcessorDrain(this IHostApplicationBuilder builder)
    {
        // Covers the processors' drain (at most MaxDrainTimeout), the abandons after it and the telemetry flush.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddOptions<ProcessorDrainOptions>()
            .Bind(builder.Configuration.GetSection(ProcessorDrainOptions.SectionName))
            .Validate(
                options => options.DrainTimeout >= TimeSpan.Zero && options.DrainTimeout <= ProcessorDrainOptions.MaxDrainTimeout,
                $"Workers:DrainTimeout must be between 0 and {ProcessorDrainOptions.MaxDrainTimeout}.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ProcessorDrain>();
        return builder;
    }
}
