namespace CloudMessaging.Shared.Saga;

/// <summary>The command a saga waits on, and the scheduled timeout that guards it.</summary>
public sealed record PendingCommand(SagaStep Step, StepAction Action, int Attempt, long? TimeoutSequenceNumber)
{
    public bool Matches(SagaStep step, StepAction action) => Step == step && Action == action;
}
