using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Shared.ClaimCheck;

public static class ClaimCheckServiceCollectionExtensions
{
    /// <summary>
    /// Registers the claim-check store, offloader, resolver and sweeper, with <see cref="ClaimCheckOptions"/> bound
    /// from the <c>ClaimCheck</c> section of <paramref name="configuration"/> and validated at start-up. Expects a
    /// <see cref="BlobServiceClient"/> (and, for the sweeper, a <see cref="ServiceBusClient"/>) to be registered by
    /// the shared client registration.
    /// </summary>
    public static IServiceCollection AddClaimCheck(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ClaimCheckOptions>()
            .Bind(configuration.GetSection(ClaimCheckOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClaimCheckOptions>, ClaimCheckOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClaimCheckStore>();
        services.TryAddSingleton<ClaimCheckOffloader>();
        services.TryAddSingleton<ClaimCheckResolver>();
        services.TryAddSingleton<IPendingClaimCheckSource, ServiceBusPendingClaimChecks>();
        services.TryAddSingleton<ClaimCheckSweeper>();
        return services;
    }

    /// <summary>Runs <see cref="ClaimCheckSweeper"/> as a hosted service (call in one process kind, e.g. the workers).</summary>
    public static IServiceCollection AddClaimCheckSweeper(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService(provider => provider.GetRequiredService<ClaimCheckSweeper>());
        return services;
    }

    /// <summary>Wraps a sender so that bodies above the inline threshold travel by claim check.</summary>
    public static ClaimCheckSender WithClaimCheck(this ServiceBusSender sender, ClaimCheckOffloader offloader) =>
        new(sender, offloader);
}
