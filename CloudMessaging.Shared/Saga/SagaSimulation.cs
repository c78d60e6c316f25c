namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The demonstration switch of an order: a step that fails (its participant refuses it) and a step that stalls (its
/// participant answers only after the orchestrator's timeout). Null means the step behaves. With
/// <see cref="FlakyCompensation"/> the first answer to every compensation is lost, so the orchestrator has to resend it.
/// </summary>
public sealed record SagaSimulation(SagaStep? FailAt = null, SagaStep? StallAt = null, bool FlakyCompensation = false)
{
    public static SagaSimulation None { get; } = new();
}
