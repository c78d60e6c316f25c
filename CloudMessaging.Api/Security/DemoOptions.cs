namespace CloudMessaging.Api.Security;

/// <summary>Section <c>Demo</c>: what only a demonstration may do.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>
    /// Whether requests may inject faults (failing or poison jobs and work items, failing or stalling saga steps,
    /// subscriber failure switches). Off unless configured: the local AppHost turns it on, Azure leaves it off.
    /// </summary>
    public bool FaultInjection { get; set; }
}
