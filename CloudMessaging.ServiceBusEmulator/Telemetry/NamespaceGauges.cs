using System.Diagnostics.Metrics;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Telemetry;

/// <summary>
/// The observed instruments: message counts per queue and subscription (read when the exporter collects, one pass
/// over the entity's messages under its lock, as the administration API counts them), connections and links.
/// </summary>
internal static class NamespaceGauges
{
    public static void Register(BrokerMetrics metrics, ServiceBusNamespace serviceBusNamespace, Func<int> connections, Func<IEnumerable<(string Role, int Count)>> links)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge(
            "servicebus.emulator.entity.active_messages",
            () => Observe(serviceBusNamespace, entity => entity.CountMessages().Active),
            "{message}",
            "Messages ready for delivery or locked by a receiver, per queue and subscription.");
        meter.CreateObservableGauge(
            "servicebus.emulator.entity.scheduled_messages",
            () => Observe(serviceBusNamespace, entity => entity.CountMessages().Scheduled),
            "{message}",
            "Messages scheduled for later, per queue and subscription.");
        meter.CreateObservableGauge(
            "servicebus.emulator.entity.dead_letter_messages",
            () => Observe(serviceBusNamespace, entity => entity.DeadLetterQueue?.MessageCount ?? 0),
            "{message}",
            "Messages in the dead-letter queue of each queue and subscription.");
        meter.CreateObservableUpDownCounter("servicebus.emulator.connections", connections, "{connection}", "Open AMQP connections.");
        meter.CreateObservableUpDownCounter(
            "servicebus.emulator.links",
            () => links().Select(l => new Measurement<int>(l.Count, new KeyValuePair<string, object?>(MessagingAttributes.LinkRole, l.Role))),
            "{link}",
            "Open AMQP links to entities, by role (sender, receiver, management).");
    }

    private static IEnumerable<Measurement<long>> Observe(ServiceBusNamespace serviceBusNamespace, Func<MessageEntity, long> count)
    {
        foreach (var entity in Receivables(serviceBusNamespace))
        {
            yield return new Measurement<long>(count(entity), new KeyValuePair<string, object?>(MessagingAttributes.DestinationName, entity.Name));
        }
    }

    private static IEnumerable<MessageEntity> Receivables(ServiceBusNamespace serviceBusNamespace)
    {
        foreach (var queue in serviceBusNamespace.Queues)
        {
            yield return queue;
        }

        foreach (var topic in serviceBusNamespace.Topics)
        {
            foreach (var subscription in topic.Subscriptions)
            {
                yield return subscription.Entity;
            }
        }
    }
}
