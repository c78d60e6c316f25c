using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

public static class PubSubServiceCollectionExtensions
{
    /// <summary>Publisher-subscriber: the shared publisher and subscribers' store, and the rule manager client.</summary>
    public static IHostApplicationBuilder AddPubSubApi(this IHostApplicationBuilder builder)
    {
        builder.AddPubSubShared();
        builder.Services.AddSingleton<SubscriptionRules>();
        return builder;
    }
}
