using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

/// <summary>Which subscribers have handled an event so far, and what each did.</summary>
/// <param name="Repeats">Copies a subscriber received after it had handled the event (redeliveries it recognised).</param>
public sealed record EventDeliveries(string Id, IReadOnlyDictionary<string, HandledEvent> HandledBy, IReadOnlyDictionary<string, long> Repeats);
