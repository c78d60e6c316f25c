using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Workers.PubSub;

/// <summary>Notifications receives only confirmed orders (a correlation rule on the Subject) and tells the customer.</summary>
public sealed class NotificationsSubscriber(SubscriberContext context)
    : OrderEventSubscriber(EntityNames.OrdersSubscriptions.Notifications, context)
{
    protected override string Apply(OrderEvent orderEvent) =>
        $"Confirmation of order {orderEvent.Data.OrderId} sent to customer {orderEvent.Data.CustomerId}";
}
