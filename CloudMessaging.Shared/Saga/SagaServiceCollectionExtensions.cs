using CloudMessaging.Shared.PubSub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudMessaging.Shared.Saga;

public static class SagaServiceCollectionExtensions
{
    /// <summary>What the API and the workers share: options (section <c>Saga</c>), the read model and the participants' stores.</summary>
    public static IServiceCollection AddSagaCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SagaOptions>().Bind(configuration.GetSection(SagaOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SagaOrderStore>();
        services.AddSingleton<InventoryStore>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<ShippingStore>();
        services.AddOrderEventPublisher();
        return services;
    }
}
