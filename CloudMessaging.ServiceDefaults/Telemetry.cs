using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The application's own activity source and meter, exported beside the SDKs' telemetry.</summary>
public static class Telemetry
{
    public const string ActivitySourceName = "CloudMessaging";

    public const string MeterName = "CloudMessaging";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static readonly Meter Meter = new(MeterName);
}
