using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudMessaging.Shared.Idempotency;

public static class IdempotencyServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IdempotencyStore"/>; it needs the <c>IConnectionMultiplexer</c> that <c>AddCloudMessagingClients</c> registers.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdempotencyStore>();
        return services;
    }
}
