namespace CloudMessaging.Shared.Saga;

/// <summary>
/// Scheduled by the orchestrator with every command; it only counts if the saga still waits for that very command
/// when it arrives.
/// </summary>
public sealed record StepTimeout(string OrderId, SagaStep Step, StepAction Action, int Attempt);
