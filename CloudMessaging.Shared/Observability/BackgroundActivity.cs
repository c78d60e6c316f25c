using System.Diagnostics;

namespace CloudMessaging.Shared.Observability;

/// <summary>
/// Marks one pass of background work (an escalation pass, a claim-check sweep, a health check) so that it and what it
/// calls (Service Bus peeks, blob listings, Redis commands) start no trace of their own: ServiceDefaults' sampler drops
/// a root activity carrying <see cref="Tag"/>, and with it every child. Left alone, these loops filled the dashboard
/// with hundreds of peek traces a minute and buried the request-driven ones (issue 22, README "Observability").
/// </summary>
public static class BackgroundActivity
{
    /// <summary>The source ServiceDefaults listens to; the same name as its <c>Telemetry.BackgroundSourceName</c>.</summary>
    public const string SourceName = "CloudMessaging.Background";

    /// <summary>The tag the sampler looks for (it cannot see the source of an activity, only its tags); the value names the work.</summary>
    public const string Tag = "cloudmessaging.background";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts a pass as a new root, detached from whatever is current (a health check runs inside the /health request),
    /// so it is always the root the sampler judges. Dispose it when the pass ends. Call it from an async method: the
    /// detached Activity.Current then does not leak back to the caller.
    /// </summary>
    public static Activity? StartPass(string work)
    {
        Activity.Current = null;
        return Source.StartActivity(work, ActivityKind.Internal, parentContext: default, tags: [new(Tag, work)]);
    }
}
