using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using CloudMessaging.Shared.ClaimCheck.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Shared.ClaimCheck;

public static class ClaimCheckServiceCollectionExtensions
{
    /// <summary>
    /// What the API and the workers share: <see cref="ClaimCheckOptions"/>, the claim-check store, offloader,
    /// resolver and sweeper, and the document status store. Expects the <see cref="BlobServiceClient"/> (and, for the
    /// sweeper, the <see cref="ServiceBusClient"/>) of the shared client registration.
    /// </summary>
    public static IHostApplicationBuilder AddClaimCheckShared(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClaimCheckOptions>()
            .Bind(builder.Configuration.GetSection(ClaimCheckOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClaimCheckOptions>, ClaimCheckOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClaimCheckStore>();
        services.TryAddSingleton<ClaimCheckOffloader>();
        services.TryAddSingleton<ClaimCheckResolver>();
        services.TryAddSingleton<IPendingClaimCheckSource, ServiceBusPendingClaimChecks>();
        services.TryAddSingleton<ClaimCheckSweeper>();
        services.TryAddSingleton<DocumentStatusStore>();
        return builder;
    }
}
