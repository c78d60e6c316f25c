using System.Globalization;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Workers.PubSub;

/// <summary>Billing sees every event: it invoices placed orders, captures confirmed ones and refunds cancelled ones.</summary>
public sealed class BillingSubscriber(SubscriberContext context)
    : OrderEventSubscriber(EntityNames.OrdersSubscriptions.Billing, context)
{
    protected override string Apply(OrderEvent orderEvent)
    {
        var amount = orderEvent.Data.Total.ToString("N2", CultureInfo.InvariantCulture);
        return orderEvent.Type switch
        {
            OrderEventTypes.OrderPlaced => $"Invoice of {amount} raised for customer {orderEvent.Data.CustomerId}",
            OrderEventTypes.OrderConfirmed => $"Payment of {amount} captured",
            OrderEventTypes.OrderCancelled => $"Invoice of {amount} voided",
            _ => $"Ignored {orderEvent.Type}",
        };
    }
}
