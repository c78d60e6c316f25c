namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// One Service Bus entity (queue, topic, subscription or rule) reduced to what decides its behaviour, so the
/// local topology and the Azure one can be compared: a path such as <c>orders/fraud/high-risk</c> and its
/// properties under their ARM names, with durations normalised (PT60S equals PT1M).
/// </summary>
internal sealed record ServiceBusEntity(string Kind, string Path, IReadOnlyDictionary<string, string> Properties)
{
    public override string ToString() =>
        $"{Kind} {Path}: {string.Join(", ", Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}";
}
