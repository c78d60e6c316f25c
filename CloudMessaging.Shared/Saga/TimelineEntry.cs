namespace CloudMessaging.Shared.Saga;

/// <summary>One thing that happened to a saga: a step requested or answered, a timeout, a compensation, the outcome.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Event, SagaStep? Step = null, StepAction? Action = null, string? Detail = null);
