namespace CloudMessaging.Shared.CompetingConsumers;

/// <summary>
/// The body of a message on <c>work</c> or <c>work-ordered</c>. The MessageId carries the item's identity; the body
/// says how the demo handler behaves, so tests and benchmarks can shape the load.
/// </summary>
/// <param name="BatchId">The batch the item belongs to, for per-batch statistics; null for a single item.</param>
/// <param name="HandlerMilliseconds">How long the handler waits on (simulated) I/O.</param>
/// <param name="FailureRate">Probability, per delivery, of a transient failure (the message is abandoned and redelivered).</param>
/// <param name="Poison">Fails on every delivery until dead-lettered; a replayed copy succeeds (the "fix" shipped).</param>
/// <param name="Sequence">Position within its key on <c>work-ordered</c>; 0 on <c>work</c>.</param>
/// <param name="Payload">Opaque filler, to shape the message size.</param>
public sealed record WorkItem(
    string? BatchId,
    int HandlerMilliseconds,
    double FailureRate,
    bool Poison,
    int Sequence,
    string? Payload);
