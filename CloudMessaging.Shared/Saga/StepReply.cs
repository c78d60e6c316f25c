namespace CloudMessaging.Shared.Saga;

/// <summary>A participant's answer, sent to the orchestrator's session (SessionId = order id).</summary>
public sealed record StepReply(
    string OrderId,
    SagaStep Step,
    StepAction Action,
    int Attempt,
    StepOutcome Outcome,
    string? Reason,
    string Replica);
