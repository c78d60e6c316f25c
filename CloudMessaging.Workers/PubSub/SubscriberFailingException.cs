namespace CloudMessaging.Workers.PubSub;

/// <summary>
/// Thrown while a subscriber's failure switch is on: the processor abandons the message, so only this
/// subscription's copy is redelivered and, after its MaxDeliveryCount, dead-lettered.
/// </summary>
public sealed class SubscriberFailingException(string subscriber)
    : Exception($"Subscriber '{subscriber}' is switched to fail (PUT /api/subscribers/{subscriber}/failure).");
