using Google.Protobuf;

namespace CloudMessaging.Tests.Observability;

/// <summary>
/// Decodes OTLP export requests (opentelemetry/proto/collector/*/v1) into the few fields the tests read. The field
/// numbers are those of opentelemetry-proto's trace, logs, metrics, resource and common .proto files.
/// </summary>
public static class OtlpDecoder
{
    public static IEnumerable<ReceivedSpan> Spans(ByteString request) =>
        // ExportTraceServiceRequest.resource_spans = 1 → ResourceSpans { resource = 1, scope_spans = 2 }
        // ScopeSpans { scope = 1, spans = 2 } → Span { trace_id 1, span_id 2, parent_span_id 4, name 5, start 7, attributes 9 }
        from resource in new ProtoFields(request).Messages(1)
        let service = ServiceName(resource)
        from scopeSpans in resource.Messages(2)
        let scope = scopeSpans.Message(1)?.String(1) ?? ""
        from span in scopeSpans.Messages(2)
        select new ReceivedSpan(service, scope, span.Hex(1), span.Hex(2), span.Hex(4), span.String(5), FromUnixNanos(span.Number(7)), Attributes(span, 9));

    public static IEnumerable<ReceivedLog> Logs(ByteString request) =>
        // ExportLogsServiceRequest.resource_logs = 1 → ResourceLogs { resource 1, scope_logs 2 } → ScopeLogs { scope 1, log_records 2 }
        // LogRecord { body 5 (AnyValue), attributes 6, trace_id 9 }
        from resource in new ProtoFields(request).Messages(1)
        let service = ServiceName(resource)
        from scopeLogs in resource.Messages(2)
        let category = scopeLogs.Message(1)?.String(1) ?? ""
        from log in scopeLogs.Messages(2)
        select new ReceivedLog(service, category, log.Hex(9), log.Message(5) is { } body ? AnyValue(body) : "", Attributes(log, 6));

    public static IEnumerable<ReceivedMetricPoint> MetricPoints(ByteString request) =>
        // ExportMetricsServiceRequest.resource_metrics = 1 → ResourceMetrics { resource 1, scope_metrics 2 }
        // ScopeMetrics { scope 1, metrics 2 } → Metric { name 1, gauge 5, sum 7, histogram 9 }
        from resource in new ProtoFields(request).Messages(1)
        let service = ServiceName(resource)
        from scopeMetrics in resource.Messages(2)
        let meter = scopeMetrics.Message(1)?.String(1) ?? ""
        from metric in scopeMetrics.Messages(2)
        from point in Points(metric)
        select point with { Service = service, Meter = meter, Name = metric.String(1) };

    private static IEnumerable<ReceivedMetricPoint> Points(ProtoFields metric)
    {
        // Gauge and Sum { data_points 1 } → NumberDataPoint { as_double 4, as_int 6, attributes 7 }
        foreach (var number in (ProtoFields?[])[metric.Message(5), metric.Message(7)])
        {
            foreach (var point in number?.Messages(1) ?? [])
            {
                var value = point.Double(4) ?? (double)(long)(point.Number(6) ?? 0);
                yield return new ReceivedMetricPoint("", "", "", Attributes(point, 7), value);
            }
        }

        // Histogram { data_points 1 } → HistogramDataPoint { count 4, attributes 9 }
        foreach (var point in metric.Message(9)?.Messages(1) ?? [])
        {
            yield return new ReceivedMetricPoint("", "", "", Attributes(point, 9), point.Number(4) ?? 0);
        }
    }

    // Resource { attributes 1 }; the service name is the attribute service.name.
    private static string ServiceName(ProtoFields resourceEntry) =>
        resourceEntry.Message(1) is { } resource && Attributes(resource, 1).TryGetValue("service.name", out var name) ? name : "";

    // KeyValue { key 1, value 2 (AnyValue) }
    private static Dictionary<string, string> Attributes(ProtoFields owner, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in owner.Messages(field))
        {
            attributes[pair.String(1)] = pair.Message(2) is { } value ? AnyValue(value) : "";
        }

        return attributes;
    }

    // AnyValue { string 1, bool 2, int 3, double 4 }; arrays and maps are not read.
    private static string AnyValue(ProtoFields value) =>
        value.Number(2) is { } boolean ? (boolean != 0).ToString()
        : value.Number(3) is { } integer ? ((long)integer).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : value.Double(4) is { } real ? real.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : value.String(1);

    private static DateTimeOffset FromUnixNanos(ulong? nanos) => DateTimeOffset.UnixEpoch.AddTicks((long)((nanos ?? 0) / 100));
}
