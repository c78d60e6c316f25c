using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Broker.Topics;

/// <summary>A topic subscription: a queue-like entity fed by the topic through its rules.</summary>
internal sealed record Subscription(MessageEntity Entity, SubscriptionRuleSet Rules)
{
    public const string PathSegment = "/Subscriptions/";

    public static string PathOf(string topicName, string subscriptionName) => topicName + PathSegment + subscriptionName;
}
