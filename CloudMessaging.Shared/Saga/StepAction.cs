namespace CloudMessaging.Shared.Saga;

/// <summary>What a command asks of a participant: do its step, or undo it (the compensation).</summary>
public enum StepAction
{
    Do,
    Undo,
}
