using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The application's own activity source and meter, exported beside the SDKs' telemetry.</summary>
public static class Telemetry
{
    public const string ActivitySourceName = "CloudMessaging";

    public const string MeterName = "CloudMessaging";

    /// <summary>Every pattern's meter is named <c>CloudMessaging.&lt;Pattern&gt;</c> (its <c>&lt;Pattern&gt;Metrics</c> class).</summary>
    public const string PatternMetersName = "CloudMessaging.*";

    /// <summary>
    /// Background passes (CloudMessaging.Shared's <c>BackgroundActivity</c>, which holds the same names): listened to so
    /// their activities exist and parent what the pass calls, and dropped by <see cref="BackgroundWorkSampler"/>.
    /// </summary>
    public const string BackgroundSourceName = "CloudMessaging.Background";

    public const string BackgroundTag = "cloudmessaging.background";

    /// <summary>Set <c>Telemetry:TraceBackgroundWork</c> to true to keep the background passes' traces (to debug a loop).</summary>
    public const string TraceBackgroundWorkKey = "Telemetry:TraceBackgroundWork";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static readonly Meter Meter = new(MeterName);
}
