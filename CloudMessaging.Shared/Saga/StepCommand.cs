namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The orchestrator's command to a participant. It carries everything the participant needs, so participants never
/// read the orchestrator's state. <see cref="Attempt"/> counts resends of a compensation. <see cref="Fail"/>,
/// <see cref="Stall"/> and <see cref="LoseReply"/> are the demonstration switches of <see cref="SagaSimulation"/>.
/// </summary>
public sealed record StepCommand(
    string OrderId,
    SagaStep Step,
    StepAction Action,
    int Attempt,
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    decimal Amount,
    bool Fail,
    bool Stall,
    bool LoseReply = false)
{
    /// <summary>Deterministic, so a command sent twice (the orchestrator redoing a handling) is recognisably the same.</summary>
    public string MessageId => $"{OrderId}:{Step}:{Action}:{Attempt}".ToLowerInvariant();
}
