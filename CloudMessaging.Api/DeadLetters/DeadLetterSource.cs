using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Api.DeadLetters;

/// <summary>
/// An entity with a dead-letter queue: a queue, or a topic's subscription. Replayed messages go back to the queue,
/// or to the topic for a subscription (you cannot send to a subscription), where every subscription whose rules
/// match receives a copy again.
/// </summary>
public sealed record DeadLetterSource(string Path, string SendTo, string? Topic, string? Subscription)
{
    public static DeadLetterSource ForQueue(string queue) => new(queue, queue, null, null);

    public static DeadLetterSource ForSubscription(string topic, string subscription) =>
        new($"{topic}/subscriptions/{subscription}", topic, topic, subscription);

    public ServiceBusReceiver CreateDeadLetterReceiver(ServiceBusClient client, ServiceBusReceiveMode mode)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = mode };
        return Topic is null ? client.CreateReceiver(Path, options) : client.CreateReceiver(Topic, Subscription, options);
    }
}
