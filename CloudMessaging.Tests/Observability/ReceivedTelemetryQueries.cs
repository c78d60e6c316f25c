namespace CloudMessaging.Tests.Observability;

/// <summary>What the tests ask of the receiver's contents.</summary>
public static class ReceivedTelemetryQueries
{
    public static bool IsApi(this string service) => service.Contains("api", StringComparison.OrdinalIgnoreCase);

    public static bool IsWorker(this string service) => service.Contains("worker", StringComparison.OrdinalIgnoreCase);

    public static string Attribute(this IReadOnlyDictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out var value) ? value : "";

    /// <summary>The total of a counter (or a histogram's count) over the series whose attributes match: the latest cumulative point of each series, summed.</summary>
    public static double Total(this OtlpReceiver receiver, string metric, Func<IReadOnlyDictionary<string, string>, bool>? match = null) =>
        receiver.MetricPoints
            .Where(p => p.Name == metric && (match is null || match(p.Attributes)))
            .GroupBy(p => (p.Service, Series: string.Join(",", p.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))))
            .Sum(series => series.Max(p => p.Value));
}
