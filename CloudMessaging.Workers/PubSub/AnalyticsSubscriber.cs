using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Workers.PubSub;

/// <summary>Analytics has no filter: it counts every event, including types it does not know yet.</summary>
public sealed class AnalyticsSubscriber(SubscriberContext context)
    : OrderEventSubscriber(EntityNames.OrdersSubscriptions.Analytics, context)
{
    protected override string Apply(OrderEvent orderEvent) =>
        $"Counted {orderEvent.Type} ({orderEvent.Data.CustomerTier}, {orderEvent.Data.Country})";
}
