namespace CloudMessaging.Shared.Saga;

/// <summary>A participant's answer and whether the transaction that produced it has to be committed.</summary>
public sealed record ParticipantResult(StepOutcome Outcome, string? Reason, bool Commit)
{
    public static ParticipantResult Unchanged(StepOutcome outcome, string? reason = null) => new(outcome, reason, false);

    public static ParticipantResult Changed(StepOutcome outcome, string? reason = null) => new(outcome, reason, true);
}
