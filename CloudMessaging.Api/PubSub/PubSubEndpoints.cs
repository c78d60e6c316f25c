using CloudMessaging.Api.Http;
using CloudMessaging.Shared.PubSub;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudMessaging.Api.PubSub;

public static class PubSubEndpoints
{
    public const string Tag = "Publisher-subscriber";

    /// <summary>Registers the order-event publisher, the subscribers' store and the rule manager client.</summary>
    public static IServiceCollection AddPubSub(this IServiceCollection services)
    {
        services.AddOrderEventPublisher();
        services.AddSubscriberStore();
        services.AddSingleton<SubscriptionRules>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapPubSubEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags(Tag).AddEndpointFilter<DependencyUnavailableFilter>();
        group.MapOrderEventEndpoints();
        group.MapSubscriberEndpoints();
        return app;
    }
}
