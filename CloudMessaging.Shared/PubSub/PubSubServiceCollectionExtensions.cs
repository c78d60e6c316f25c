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

    /// <summary>Registers <see cref="SubscriberStore"/>: the subscribers write it, the API reads it.</summary>
    public static IServiceCollection AddSubscriberStore(this IServiceCollection services)
    {
        services.TryAddSingleton<SubscriberStore>();
        return services;
    }
}
