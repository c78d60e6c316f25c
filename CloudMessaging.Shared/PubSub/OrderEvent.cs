namespace CloudMessaging.Shared.PubSub;

/// <summary>
/// An order event in a CloudEvents-style envelope. <see cref="Id"/> becomes the MessageId, so publishing the same
/// event twice is dropped by the topic's duplicate detection.
/// </summary>
public sealed record OrderEvent(
    string Id,
    string Source,
    string Type,
    DateTimeOffset Time,
    string Subject,
    OrderEventData Data)
{
    public string SpecVersion { get; init; } = "1.0";

    public string DataContentType { get; init; } = "application/json";

    /// <summary>A new event about <paramref name="data"/>'s order; the subject is the order id.</summary>
    public static OrderEvent Create(string type, string source, OrderEventData data, TimeProvider? time = null) =>
        new(Guid.NewGuid().ToString("N"), source, type, (time ?? TimeProvider.System).GetUtcNow(), data.OrderId, data);
}
