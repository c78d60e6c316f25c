using System.Text.Json;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Workers.RequestReply;

/// <summary>
/// Runs one job: its simulated duration is split into ten steps with progress reported after each, and the token is
/// checked between steps, which is what makes cancellation cooperative and prompt.
/// </summary>
public sealed class JobRunner(TimeProvider timeProvider)
{
    private const int Steps = 10;

    /// <summary>Returns the result as JSON.</summary>
    public async Task<string> RunAsync(JobMessage job, Func<int, Task> reportProgress, CancellationToken cancellationToken)
    {
        if (job.Failure == JobFailureMode.Poison)
        {
            throw new InvalidOperationException("Simulated poison message: every delivery of this job throws.");
        }

        var report = job.Kind switch
        {
            JobKinds.Report => ReportCalculator.FromInput(job.Input),
            JobKinds.NoOp => null,
            _ => throw new JobFailedException($"Unknown job kind '{job.Kind}'."),
        };

        var steps = job.DurationMs > 0 ? Steps : 1;
        var stepDelay = TimeSpan.FromMilliseconds((double)job.DurationMs / steps);
        for (var step = 0; step < steps; step++)
        {
            if (stepDelay > TimeSpan.Zero)
            {
                await Task.Delay(stepDelay, timeProvider, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            report?.Accumulate(step, steps);

            if (job.Failure == JobFailureMode.Fail && step == steps / 2)
            {
                throw new JobFailedException($"Simulated failure at step {step + 1} of {steps}.");
            }

            if (step < steps - 1)
            {
                await reportProgress((step + 1) * 100 / steps);
            }
        }

        object result = report is null ? new { Kind = JobKinds.NoOp } : report.Complete();
        return JsonSerializer.Serialize(result, RequestReplyJson.Options);
    }
}
