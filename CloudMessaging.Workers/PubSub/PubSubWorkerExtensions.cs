using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Workers.PubSub;

public static class PubSubWorkerExtensions
{
    /// <summary>Publisher-subscriber: one handler per subscription of the <c>orders</c> topic.</summary>
    public static IHostApplicationBuilder AddOrderEventSubscribers(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SubscriberOptions>(builder.Configuration.GetSection(SubscriberOptions.Section));
        builder.Services.AddSubscriberStore();
        builder.Services.AddSingleton<SubscriberContext>();
        builder.Services.AddHostedService<BillingSubscriber>();
        builder.Services.AddHostedService<ShippingSubscriber>();
        builder.Services.AddHostedService<AnalyticsSubscriber>();
        builder.Services.AddHostedService<FraudSubscriber>();
        builder.Services.AddHostedService<NotificationsSubscriber>();
        return builder;
    }
}
