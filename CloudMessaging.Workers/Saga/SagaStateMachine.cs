using CloudMessaging.Shared.Saga;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.Saga;

/// <summary>
/// The checkout saga's transitions: reserve inventory → charge payment (the pivot) → schedule shipping → Completed.
/// A refused step compensates the steps before it, in reverse; a step that times out is compensated too (it may
/// still happen), then the ones before it. Compensations are resent until acknowledged. Each method changes the
/// state in memory and performs the side effects; the orchestrator persists the state afterwards.
/// </summary>
public sealed class SagaStateMachine(SagaCommandBus bus, IOptions<SagaOptions> options, TimeProvider time)
{
    private static readonly SagaStep[] Steps = [SagaStep.Inventory, SagaStep.Payment, SagaStep.Shipping];

    public async Task<SagaState?> StartAsync(SagaState? state, StartOrderSaga start, CancellationToken cancellationToken)
    {
        if (state is not null)
        {
            // The start message redelivered after its handling was stored: the saga runs already.
            return null;
        }

        state = SagaState.Submitted(start, SagaStatus.Running);
        Record(state, "Started");
        await IssueAsync(state, Steps[0], StepAction.Do, 1, cancellationToken);
        return state;
    }

    /// <summary>Applies a participant's answer; returns false when the saga was not waiting for it (nothing changed).</summary>
    public async Task<bool> OnReplyAsync(SagaState state, StepReply reply, CancellationToken cancellationToken)
    {
        if (state.Pending is not { } pending || !pending.Matches(reply.Step, reply.Action) || (reply.Action == StepAction.Do && reply.Attempt != pending.Attempt))
        {
            // A duplicate of an answer already applied, or an answer that came after its timeout: the saga has moved
            // on and the compensation (already sent or done) covers whatever the step did.
            Record(state, "IgnoredReply", reply.Step, reply.Action, $"{reply.Outcome} from {reply.Replica} after the saga moved on{Because(reply.Reason)}");
            return true;
        }

        // Tidying the answered step's timeout runs beside the next step's messages instead of before them.
        var cancelTimeout = bus.CancelTimeoutAsync(pending.TimeoutSequenceNumber, cancellationToken);
        try
        {
            await ApplyAnswerAsync(state, reply, cancellationToken);
        }
        finally
        {
            await cancelTimeout;
        }

        return true;
    }

    private async Task ApplyAnswerAsync(SagaState state, StepReply reply, CancellationToken cancellationToken)
    {
        state.Pending = null;
        if (reply.Action == StepAction.Undo)
        {
            Record(state, "Compensated", reply.Step, StepAction.Undo, $"by {reply.Replica}{Because(reply.Reason)}");
            state.ToCompensate.Remove(reply.Step);
            await CompensateNextAsync(state, cancellationToken);
        }
        else if (reply.Outcome == StepOutcome.Succeeded)
        {
            Record(state, "Succeeded", reply.Step, StepAction.Do, $"by {reply.Replica}{Because(reply.Reason)}");
            state.Done.Add(reply.Step);
            var next = Array.IndexOf(Steps, reply.Step) + 1;
            if (next < Steps.Length)
            {
                await IssueAsync(state, Steps[next], StepAction.Do, 1, cancellationToken);
            }
            else
            {
                await FinishAsync(state, SagaStatus.Completed, cancellationToken);
            }
        }
        else
        {
            Record(state, "Failed", reply.Step, StepAction.Do, $"{reply.Outcome} by {reply.Replica}{Because(reply.Reason)}");
            await BeginCompensationAsync(state, $"{reply.Step} failed: {reply.Reason ?? reply.Outcome.ToString()}", alsoUndo: null, cancellationToken);
        }
    }

    /// <summary>Applies a timeout; returns false when it is stale (its command was answered or superseded).</summary>
    public async Task<bool> OnTimeoutAsync(SagaState state, StepTimeout timeout, CancellationToken cancellationToken)
    {
        if (state.Pending is not { } pending || !pending.Matches(timeout.Step, timeout.Action) || pending.Attempt != timeout.Attempt)
        {
            return false;
        }

        state.Pending = null;
        if (timeout.Action == StepAction.Do)
        {
            Record(state, "TimedOut", timeout.Step, StepAction.Do, $"no answer within {options.Value.StepTimeout.TotalSeconds:0.#} s");
            await BeginCompensationAsync(state, $"{timeout.Step} did not answer in time", alsoUndo: timeout.Step, cancellationToken);
        }
        else
        {
            // Compensations must succeed: resend until the participant acknowledges.
            Record(state, "CompensationTimedOut", timeout.Step, StepAction.Undo, $"attempt {timeout.Attempt} unanswered; retrying");
            await IssueAsync(state, timeout.Step, StepAction.Undo, timeout.Attempt + 1, cancellationToken);
        }

        return true;
    }

    private async Task BeginCompensationAsync(SagaState state, string reason, SagaStep? alsoUndo, CancellationToken cancellationToken)
    {
        state.Status = SagaStatus.Compensating;
        state.Reason = reason;

        // A step that timed out may still take effect, so it is compensated first; its participant keeps a tombstone
        // that refuses the step if it arrives after its compensation.
        var undo = new List<SagaStep>();
        if (alsoUndo is { } timedOut)
        {
            undo.Add(timedOut);
        }

        undo.AddRange(Enumerable.Reverse(state.Done));
        state.ToCompensate = undo;
        await CompensateNextAsync(state, cancellationToken);
    }

    private async Task CompensateNextAsync(SagaState state, CancellationToken cancellationToken)
    {
        if (state.ToCompensate.Count == 0)
        {
            await FinishAsync(state, SagaStatus.Cancelled, cancellationToken);
            return;
        }

        await IssueAsync(state, state.ToCompensate[0], StepAction.Undo, 1, cancellationToken);
    }

    private async Task FinishAsync(SagaState state, SagaStatus status, CancellationToken cancellationToken)
    {
        state.Status = status;
        await bus.PublishOutcomeAsync(state, cancellationToken);
        Record(state, status.ToString(), detail: state.Reason);
    }

    private async Task IssueAsync(SagaState state, SagaStep step, StepAction action, int attempt, CancellationToken cancellationToken)
    {
        var doing = action == StepAction.Do;
        var command = new StepCommand(
            state.OrderId, step, action, attempt, state.CustomerId, state.Items, state.Amount,
            Fail: doing && state.Simulation.FailAt == step,
            Stall: doing && state.Simulation.StallAt == step,
            LoseReply: !doing && attempt == 1 && state.Simulation.FlakyCompensation);
        var timeoutSequenceNumber = await bus.SendAsync(command, cancellationToken);
        state.Pending = new PendingCommand(step, action, attempt, timeoutSequenceNumber);
        Record(state, doing ? "Requested" : "CompensationRequested", step, action, attempt > 1 ? $"attempt {attempt}" : null);
    }

    private void Record(SagaState state, string @event, SagaStep? step = null, StepAction? action = null, string? detail = null) =>
        state.Timeline.Add(new TimelineEntry(time.GetUtcNow(), @event, step, action, detail));

    private static string Because(string? reason) => reason is null ? string.Empty : $": {reason}";
}
