using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>
/// What a <c>$management</c> node acts on: a queue or subscription (<see cref="Entity"/>, with <see cref="Rules"/>
/// for a subscription), or a topic, which only schedules.
/// </summary>
internal sealed record ManagementScope(string Path, MessageEntity? Entity, IScheduleTarget ScheduleTarget, SubscriptionRuleSet? Rules)
{
    public static ManagementScope ForEntity(MessageEntity entity, SubscriptionRuleSet? rules = null) => new(entity.Name, entity, entity, rules);

    public static ManagementScope ForTopic(IScheduleTarget topic) => new(topic.Name, null, topic, null);
}
