namespace CloudMessaging.Workers.Messaging;

/// <summary>How the workers stop: the <c>Workers</c> section of the workers' configuration.</summary>
public sealed class ProcessorDrainOptions
{
    public const string SectionName = "Workers";

    /// <summary>The longest a drain may be set to: the host's ShutdownTimeout (30 s) must still cover it plus the abandons and the telemetry flush.</summary>
    public static readonly TimeSpan MaxDrainTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long handlers already running when the host starts stopping may go on before they are cancelled and their
    /// messages given back. Zero cancels them at once.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
