using System.Diagnostics.Metrics;
using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Workers.Saga;

/// <summary>The saga meter (<see cref="MeterName"/>): sagas by outcome, compensations done and steps that timed out. README "Observability".</summary>
public sealed class SagaMetrics
{
    public const string MeterName = "CloudMessaging.Saga";

    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _compensations;
    private readonly Counter<long> _timeouts;

    public SagaMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _outcomes = meter.CreateCounter<long>("cloudmessaging.saga.outcomes", "{saga}", "Sagas that finished, by outcome (Completed, Cancelled)");
        _compensations = meter.CreateCounter<long>("cloudmessaging.saga.compensations", "{step}", "Steps undone and acknowledged by their participant, by step");
        _timeouts = meter.CreateCounter<long>("cloudmessaging.saga.timeouts", "{step}", "Commands that got no answer in time, by step and action (Do, Undo)");
    }

    /// <summary>
    /// Counts what one handled message did to <paramref name="saga"/>: the timeline entries from <paramref name="timelineBefore"/>
    /// on are new, and it finished now unless <paramref name="wasFinished"/>. Called once the new state is stored, so
    /// a message retried after a failed store counts once, and a late reply to a finished saga counts no outcome again.
    /// </summary>
    public void Recorded(SagaState saga, int timelineBefore, bool wasFinished)
    {
        ArgumentNullException.ThrowIfNull(saga);
        foreach (var entry in saga.Timeline.Skip(timelineBefore))
        {
            switch (entry.Event)
            {
                case "Compensated":
                    _compensations.Add(1, Step(entry));
                    break;
                case "TimedOut" or "CompensationTimedOut":
                    _timeouts.Add(1, Step(entry), new KeyValuePair<string, object?>("action", entry.Action?.ToString()));
                    break;
            }
        }

        if (saga.IsFinished && !wasFinished)
        {
            _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", saga.Status.ToString()));
        }
    }

    private static KeyValuePair<string, object?> Step(TimelineEntry entry) => new("step", entry.Step?.ToString());
}
