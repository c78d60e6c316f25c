namespace CloudMessaging.Tests.Observability;

/// <summary>A span as the receiver decoded it; <see cref="ParentSpanId"/> is empty for a trace's root.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, DateTimeOffset Start, IReadOnlyDictionary<string, string> Attributes)
{
    public bool IsRoot => ParentSpanId.Length == 0;
}

/// <summary>A log record with its attributes (the logger's scopes among them) and the trace it was written in.</summary>
public sealed record ReceivedLog(string Service, string Category, string TraceId, string Body, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// One data point of a metric: for a counter its (cumulative) value, for a histogram its count. The apps export
/// cumulative temporality, so the latest point of a series is its total.
/// </summary>
public sealed record ReceivedMetricPoint(string Service, string Meter, string Name, IReadOnlyDictionary<string, string> Attributes, double Value);
