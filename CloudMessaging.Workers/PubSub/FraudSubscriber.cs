using System.Globalization;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Workers.PubSub;

/// <summary>
/// Fraud receives only what its SQL rule admits (by default a high total or a country outside the usual ones): the
/// broker does the selecting, so this handler never sees, and never pays for, ordinary orders.
/// </summary>
public sealed class FraudSubscriber(SubscriberContext context)
    : OrderEventSubscriber(EntityNames.OrdersSubscriptions.Fraud, context)
{
    protected override string Apply(OrderEvent orderEvent) => string.Create(
        CultureInfo.InvariantCulture,
        $"Review opened for {orderEvent.Type}: total {orderEvent.Data.Total:N2}, country {orderEvent.Data.Country}");
}
