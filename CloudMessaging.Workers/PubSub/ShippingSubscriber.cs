using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Workers.PubSub;

/// <summary>Shipping sees every event: it reserves a slot when an order is placed and ships or releases it after.</summary>
public sealed class ShippingSubscriber(SubscriberContext context)
    : OrderEventSubscriber(EntityNames.OrdersSubscriptions.Shipping, context)
{
    protected override string Apply(OrderEvent orderEvent) => orderEvent.Type switch
    {
        OrderEventTypes.OrderPlaced => $"Shipping slot to {orderEvent.Data.Country} reserved",
        OrderEventTypes.OrderConfirmed => $"Shipment to {orderEvent.Data.Country} scheduled",
        OrderEventTypes.OrderCancelled => "Shipping slot released",
        _ => $"Ignored {orderEvent.Type}",
    };
}
