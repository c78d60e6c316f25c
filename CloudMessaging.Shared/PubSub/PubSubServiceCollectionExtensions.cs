using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudMessaging.Shared.PubSub;

public static class PubSubServiceCollectionExtensions
{
    /// <summary>Registers <see cref="OrderEventPublisher"/>; the API and the saga orchestrator both publish with it.</summary>
    public static IServiceCollection AddOrderEventPublisher(this IServiceCollection services)
    {
        services.TryAddSingleton<OrderEventPublisher>();
        return services;
    }
}
