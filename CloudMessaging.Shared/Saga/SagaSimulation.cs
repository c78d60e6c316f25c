namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The demonstration switch of an order: a step that fails (its participant refuses it) and a step that stalls (its
/// participant answers only after the orchestrator's timeout). Null means the step behaves.
/// </summary>
public sealed record SagaSimulation(SagaStep? FailAt = null, SagaStep? StallAt = null)
{
    public static SagaSimulation None { get; } = new();
}
