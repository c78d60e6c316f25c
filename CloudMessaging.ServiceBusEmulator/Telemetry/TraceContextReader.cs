using System.Diagnostics;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Telemetry;

/// <summary>
/// The producer's trace context from the application properties the SDKs set: <c>Diagnostic-Id</c> (.NET and
/// JavaScript) or <c>traceparent</c>, both W3C trace-parent strings. Anything else means no parent.
/// </summary>
internal static class TraceContextReader
{
    private static readonly MapKey DiagnosticId = new("Diagnostic-Id");
    private static readonly MapKey TraceParent = new("traceparent");
    private static readonly MapKey TraceState = new("tracestate");

    public static ActivityContext Read(ApplicationProperties? properties)
    {
        if (properties?.Map is not { Count: > 0 } map)
        {
            return default;
        }

        if (!map.TryGetValue(DiagnosticId, out string? parent) && !map.TryGetValue(TraceParent, out parent))
        {
            return default;
        }

        map.TryGetValue(TraceState, out string? state);
        return ActivityContext.TryParse(parent, state, isRemote: true, out var context) ? context : default;
    }
}
