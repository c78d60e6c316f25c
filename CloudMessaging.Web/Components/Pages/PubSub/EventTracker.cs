namespace CloudMessaging.Web.Components.Pages.PubSub;

/// <summary>
/// Follows one published event to a verdict per subscription. The API tells who handled it; a filter that turned it
/// away leaves no trace, so a subscription that has not received it once the set of receivers has stayed the same for
/// <see cref="Settle"/> is shown as turned away by its rules (and flips to received should a slow copy still arrive).
/// </summary>
public sealed class EventTracker(string eventId, DateTimeOffset publishedAt)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(4);

    private readonly Dictionary<string, HandledEventView> _received = new(StringComparer.Ordinal);
    private DateTimeOffset _lastChange = publishedAt;

    public string EventId { get; } = eventId;

    public IReadOnlyDictionary<string, HandledEventView> Received => _received;

    /// <summary>Takes the latest deliveries; returns the subscribers that received it since the last call.</summary>
    public IReadOnlyList<string> Update(EventDeliveriesView? deliveries, DateTimeOffset now)
    {
        var added = new List<string>();
        foreach (var (subscriber, handled) in deliveries?.HandledBy ?? new Dictionary<string, HandledEventView>())
        {
            if (_received.TryAdd(subscriber, handled))
            {
                added.Add(subscriber);
            }
        }

        if (added.Count > 0)
        {
            _lastChange = now;
        }

        IsSettled = _received.Count > 0 && now - _lastChange >= Settle;
        return added;
    }

    public bool IsSettled { get; private set; }

    public DeliveryOutcome OutcomeFor(SubscriberInfo subscriber) =>
        _received.ContainsKey(subscriber.Name) ? DeliveryOutcome.Received
        : subscriber.Failing ? DeliveryOutcome.Failing
        : IsSettled ? DeliveryOutcome.TurnedAway
        : DeliveryOutcome.Waiting;
}
