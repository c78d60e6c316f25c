namespace CloudMessaging.Shared.Saga;

/// <summary>Knobs of the saga (configuration section <c>Saga</c>).</summary>
public sealed class SagaOptions
{
    public const string SectionName = "Saga";

    /// <summary>How long the orchestrator waits for a participant to do its step before compensating.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the orchestrator waits for a compensation's acknowledgement before sending it again.</summary>
    public TimeSpan CompensationRetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a stalled participant sits on a command (the <c>stallAt</c> switch); longer than the timeout.</summary>
    public TimeSpan StallDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sessions (sagas) one orchestrator replica handles at once.</summary>
    public int MaxConcurrentSessions { get; set; } = 16;

    /// <summary>How long the orchestrator keeps an idle saga's session before taking another.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Commands one participant replica handles at once.</summary>
    public int ParticipantConcurrency { get; set; } = 8;
}
