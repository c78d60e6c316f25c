using CloudMessaging.Shared;

namespace CloudMessaging.Api.DeadLetters;

/// <summary>
/// The entities of the topology whose dead-letter queues the API may read and replay: every queue, and every
/// subscription as <c>topic/subscriptions/name</c>. Anything else is refused rather than passed to the broker.
/// </summary>
public static class DeadLetterEntities
{
    private static readonly HashSet<string> Queues = new(StringComparer.OrdinalIgnoreCase)
    {
        EntityNames.SmokeQueue, EntityNames.JobsQueue, EntityNames.RepliesQueue, EntityNames.DocumentsQueue,
        EntityNames.TasksHighQueue, EntityNames.TasksNormalQueue, EntityNames.TasksLowQueue,
        EntityNames.WorkQueue, EntityNames.WorkOrderedQueue, EntityNames.SagaQueue,
        EntityNames.InventoryQueue, EntityNames.PaymentQueue, EntityNames.ShippingCommandsQueue,
    };

    private static readonly Dictionary<string, HashSet<string>> Subscriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        [EntityNames.OrdersTopic] = new(StringComparer.OrdinalIgnoreCase)
        {
            EntityNames.OrdersSubscriptions.Billing, EntityNames.OrdersSubscriptions.Shipping, EntityNames.OrdersSubscriptions.Analytics,
            EntityNames.OrdersSubscriptions.Fraud, EntityNames.OrdersSubscriptions.Notifications,
        },
    };

    public static DeadLetterSource? FindQueue(string queue) =>
        Queues.TryGetValue(queue, out var name) ? DeadLetterSource.ForQueue(name) : null;

    public static DeadLetterSource? FindSubscription(string topic, string subscription) =>
        Subscriptions.TryGetValue(topic, out var names) && names.TryGetValue(subscription, out var name)
            ? DeadLetterSource.ForSubscription(Subscriptions.Keys.First(t => string.Equals(t, topic, StringComparison.OrdinalIgnoreCase)), name)
            : null;
}
