using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Tests.Saga;

internal static class SagaTimeline
{
    public static bool Has(this SagaState state, string @event, SagaStep? step = null, StepAction? action = null) =>
        state.Timeline.Any(e => e.Event == @event && (step is null || e.Step == step) && (action is null || e.Action == action));

    public static int Count(this SagaState state, string @event, SagaStep step) =>
        state.Timeline.Count(e => e.Event == @event && e.Step == step);

    /// <summary>The steps compensated, in the order their compensations were acknowledged.</summary>
    public static SagaStep[] Compensations(this SagaState state) =>
        [.. state.Timeline.Where(e => e.Event == "Compensated").Select(e => e.Step!.Value)];
}
