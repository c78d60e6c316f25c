namespace CloudMessaging.Web.Components.Pages.Saga;

/// <summary>
/// Turns a saga's timeline into the rows of its sequence diagram: who sends what to whom (a step's request and answer,
/// a compensation and its acknowledgement), or a note on the orchestrator's lifeline (a timeout, the outcome).
/// Names and meanings as the orchestrator records them (CloudMessaging.Workers/Saga/SagaStateMachine, docs/patterns/saga.md).
/// </summary>
public static class SagaSequence
{
    public const string Client = "client";

    public const string Orchestrator = "orchestrator";

    public static readonly string[] Participants = ["inventory", "payment", "shipping"];

    public static readonly string[] Lanes = [Client, Orchestrator, .. Participants];

    /// <summary>The pivot: once payment is captured the saga only goes forward (docs/patterns/saga.md).</summary>
    public const string Pivot = "payment";

    public enum RowKind
    {
        Request,
        Reply,
        Failure,
        Compensation,
        Compensated,
        Timeout,
        Ignored,
        Note,
        Outcome,
    }

    public sealed record Row(int Index, SagaTimelineEntry Entry, string From, string To, string Label, RowKind Kind, TimeSpan Elapsed)
    {
        public bool IsNote => From == To;
    }

    public static IReadOnlyList<Row> Rows(SagaOrder order) =>
        [.. order.Timeline.Select((entry, index) => ToRow(index, entry, entry.At - order.SubmittedAt))];

    private static Row ToRow(int index, SagaTimelineEntry entry, TimeSpan elapsed)
    {
        var step = entry.Step ?? Orchestrator;
        var undo = entry.Action == "undo";
        return entry.Event switch
        {
            "Submitted" => new(index, entry, Client, Orchestrator, "place order (202)", RowKind.Request, elapsed),
            "Started" => new(index, entry, Orchestrator, Orchestrator, "saga started", RowKind.Note, elapsed),
            "Requested" => new(index, entry, Orchestrator, step, Verb(step, undo: false) + Attempt(entry), RowKind.Request, elapsed),
            "Succeeded" => new(index, entry, step, Orchestrator, "done", RowKind.Reply, elapsed),
            "Failed" => new(index, entry, step, Orchestrator, "refused", RowKind.Failure, elapsed),
            "TimedOut" => new(index, entry, Orchestrator, Orchestrator, $"⏱ no answer from {step}", RowKind.Timeout, elapsed),
            "CompensationRequested" => new(index, entry, Orchestrator, step, Verb(step, undo: true) + Attempt(entry), RowKind.Compensation, elapsed),
            "Compensated" => new(index, entry, step, Orchestrator, "compensated", RowKind.Compensated, elapsed),
            "CompensationTimedOut" => new(index, entry, Orchestrator, Orchestrator, $"⏱ {step} undo unanswered: resend", RowKind.Timeout, elapsed),
            "IgnoredReply" => new(index, entry, step, Orchestrator, $"late {(undo ? "undo " : "")}answer: ignored", RowKind.Ignored, elapsed),
            "Completed" or "Cancelled" => new(index, entry, Orchestrator, Orchestrator, entry.Event.ToLowerInvariant(), RowKind.Outcome, elapsed),
            _ => new(index, entry, Orchestrator, Orchestrator, entry.Event, RowKind.Note, elapsed),
        };
    }

    private static string Verb(string step, bool undo) => (step, undo) switch
    {
        ("inventory", false) => "reserve stock",
        ("inventory", true) => "release stock",
        ("payment", false) => "charge",
        ("payment", true) => "refund",
        ("shipping", false) => "schedule shipment",
        ("shipping", true) => "cancel shipment",
        _ => undo ? $"undo {step}" : step,
    };

    private static string Attempt(SagaTimelineEntry entry) => entry.Detail is { Length: > 0 } detail ? $" ({detail})" : "";
}
