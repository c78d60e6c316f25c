namespace CloudMessaging.Workers.Messaging;

public static class ProcessorDrainServiceCollectionExtensions
{
    /// <summary>The drain every processor stops with, configured from <c>Workers:DrainTimeout</c>.</summary>
    public static IServiceCollection AddProcessorDrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessorDrainOptions>()
            .Bind(configuration.GetSection(ProcessorDrainOptions.Section))
            .Validate(
                options => options.DrainTimeout >= TimeSpan.Zero && options.DrainTimeout <= ProcessorDrainOptions.MaxDrainTimeout,
                $"Workers:DrainTimeout must be between 0 and {ProcessorDrainOptions.MaxDrainTimeout}.")
            .ValidateOnStart();
        services.AddSingleton<ProcessorDrain>();
        return services;
    }
}
