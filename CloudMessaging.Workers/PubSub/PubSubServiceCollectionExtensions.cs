using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Workers.PubSub;

public static class PubSubServiceCollectionExtensions
{
    /// <summary>Publisher-subscriber: one handler per subscription of the <c>orders</c> topic.</summary>
    public static IHostApplicationBuilder AddPubSubWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddPubSubShared();
        builder.Services.AddSingleton<PubSubMetrics>();
        builder.Services.AddSingleton<SubscriberContext>();
        builder.Services.AddHostedService<BillingSubscriber>();
        builder.Services.AddHostedService<ShippingSubscriber>();
        builder.Services.AddHostedService<AnalyticsSubscriber>();
        builder.Services.AddHostedService<FraudSubscriber>();
        builder.Services.AddHostedService<NotificationsSubscriber>();
        return builder;
    }
}
