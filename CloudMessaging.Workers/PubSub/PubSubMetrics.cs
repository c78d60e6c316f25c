using System.Diagnostics.Metrics;

namespace CloudMessaging.Workers.PubSub;

/// <summary>The publisher-subscriber meter (<see cref="MeterName"/>): events each subscriber handled, and the repeats it absorbed. README "Observability".</summary>
public sealed class PubSubMetrics
{
    public const string MeterName = "CloudMessaging.PubSub";

    private readonly Counter<long> _handled;
    private readonly Counter<long> _repeats;

    public PubSubMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _handled = meter.CreateCounter<long>("cloudmessaging.pubsub.events.handled", "{event}", "Order events a subscriber handled for the first time, by subscriber and event type");
        _repeats = meter.CreateCounter<long>("cloudmessaging.pubsub.events.repeated", "{event}", "Copies of an event a subscriber had already handled (redeliveries, duplicate publishes), completed without effect");
    }

    public void Handled(string subscriber, string eventType) =>
        _handled.Add(1, new KeyValuePair<string, object?>("subscriber", subscriber), new KeyValuePair<string, object?>("event.type", eventType));

    public void Repeated(string subscriber) => _repeats.Add(1, new KeyValuePair<string, object?>("subscriber", subscriber));
}
