using System.Diagnostics;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.RequestReply;
using CloudMessaging.Workers.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Workers.RequestReply;

/// <summary>
/// Runs jobs from the <c>jobs</c> queue (and answers quote requests on it). A job is claimed in Redis with a lease
/// before it runs; while it runs a watcher renews the lease and listens on the job's event channel for a
/// cancellation or a takeover. Outcomes:
/// succeeded or failed → recorded and the message completed; cancelled → stopped and completed; a transient error
/// or shutdown → the job goes back to Queued and the message is abandoned, so a later delivery (on any replica)
/// runs it again, until Service Bus dead-letters it and <see cref="JobDeadLetterProcessor"/> marks it Failed.
/// </summary>
public sealed partial class JobProcessor(
    ServiceBusClient client,
    JobStore store,
    JobRunner runner,
    QuoteResponder quotes,
    RequestReplyMetrics metrics,
    IOptions<RequestReplyOptions> options,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    TimeProvider timeProvider,
    ILogger<JobProcessor> logger)
    : QueueProcessorService(client, replica, drain, logger, EntityNames.JobsQueue, new ServiceBusProcessorOptions
    {
        MaxConcurrentCalls = options.Value.MaxConcurrentJobs,
        // Jobs run up to MaxDurationMs; the lock is renewed for longer than that so it never lapses under a live worker.
        MaxAutoLockRenewalDuration = TimeSpan.FromMilliseconds(options.Value.MaxDurationMs) + TimeSpan.FromMinutes(5),
    })
{
    private readonly RequestReplyOptions _options = options.Value;

    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        if (args.Message.Subject == MessageSubjects.Quote)
        {
            await quotes.HandleAsync(args, cancellationToken);
            return;
        }

        if (ReadJob(args.Message) is not { } job)
        {
            await args.DeadLetterMessageAsync(args.Message, "InvalidJobMessage", "The body is not a job whose id is the MessageId.", cancellationToken);
            return;
        }

        var claim = await ClaimAsync(job.Id, ReceivedTraceId(args.Message), cancellationToken);
        switch (claim.Outcome)
        {
            case JobClaimOutcome.Unknown:
                LogNoStatus(job.Id);
                return;
            case JobClaimOutcome.Finished:
                LogAlreadyFinal(job.Id, claim.Record!.Status);
                return;
            case JobClaimOutcome.LeaseHeld:
                // Still held after waiting a whole lease: give the message back and let a later delivery look again.
                throw new InvalidOperationException($"Job {job.Id} is leased by {claim.Record!.Replica}.");
        }

        await RunClaimedAsync(args, job, claim.Record!, cancellationToken);
    }

    private async Task RunClaimedAsync(ProcessMessageEventArgs args, JobMessage job, JobRecord claimed, CancellationToken cancellationToken)
    {
        if (claimed.Attempts > 1)
        {
            LogResumed(Replica, job.Id, claimed.Attempts);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A job without a duration runs in one step that checks its token once: there is nothing to interrupt and its
        // lease outlives it, so it needs no watcher (and no subscription).
        var watcher = job.DurationMs > 0 ? WatchAsync(job.Id, stop) : Task.CompletedTask;
        var started = timeProvider.GetTimestamp();
        try
        {
            var result = await runner.RunAsync(
                job,
                async progress =>
                {
                    if (!await store.ReportProgressAsync(job.Id, Replica.Name, progress))
                    {
                        await stop.CancelAsync();
                    }
                },
                stop.Token);

            if (await store.SucceedAsync(job.Id, Replica.Name, result) is null)
            {
                await NoteStoppedAsync(job.Id, started);
            }
            else
            {
                metrics.JobFinished(JobStatus.Succeeded, timeProvider.GetElapsedTime(started));
                LogSucceeded(Replica, job.Id, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelled through Redis (or taken over): the message is done with either way.
            await NoteStoppedAsync(job.Id, started);
        }
        catch (OperationCanceledException)
        {
            // The host is shutting down: hand the job back so the abandoned message runs again elsewhere at once.
            await store.ReleaseAsync(job.Id, Replica.Name, "The worker running it shut down.");
            throw;
        }
        catch (JobFailedException ex)
        {
            await store.FailAsync(job.Id, Replica.Name, new JobProblem("The job failed.", ex.Message));
            metrics.JobFinished(JobStatus.Failed, timeProvider.GetElapsedTime(started));
            LogFailed(job.Id, ex.Message);
        }
        catch (Exception ex) when (ex is not RedisException)
        {
            await store.ReleaseAsync(job.Id, Replica.Name, ex.Message);
            LogDeliveryFailed(job.Id, args.Message.DeliveryCount, ex.Message);
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
        }
    }

    /// <summary>A job whose lease another replica holds is waited for: its owner either finishes or dies and the lease lapses.</summary>
    private async Task<JobClaim> ClaimAsync(string id, string? receivedTraceId, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + _options.Lease * 2;
        while (true)
        {
            var claim = await store.TryClaimAsync(id, Replica.Name, receivedTraceId);
            if (claim.Outcome != JobClaimOutcome.LeaseHeld || timeProvider.GetUtcNow() >= deadline)
            {
                return claim;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken);
        }
    }

    /// <summary>
    /// While the job runs: stops it at the first snapshot on its event channel that shows it no longer Running here
    /// (cancelled, or taken over), and renews the lease every third of it. Pub/sub is fire-and-forget, so the renewal,
    /// which fails once the job is not ours, also catches a lost event.
    /// </summary>
    private async Task WatchAsync(string id, CancellationTokenSource stop)
    {
        // Subscribe first, then look once (the first heartbeat), so a change between the claim and the subscription is
        // not missed. Without a subscription (Redis away for a moment) the renewals still notice within Lease/3.
        var events = await TrySubscribeAsync(id);
        try
        {
            await Task.WhenAll(events is null ? Task.CompletedTask : StopOnEventAsync(events, stop), RenewLeaseAsync(id, stop));
        }
        finally
        {
            await TryUnsubscribeAsync(events, id);
        }
    }

    private async Task<ChannelMessageQueue?> TrySubscribeAsync(string id)
    {
        try
        {
            return await store.SubscribeAsync(id);
        }
        catch (RedisException ex)
        {
            LogHeartbeatFailed(ex, id);
            return null;
        }
    }

    private async Task TryUnsubscribeAsync(ChannelMessageQueue? events, string id)
    {
        try
        {
            if (events is not null)
            {
                await events.UnsubscribeAsync();
            }
        }
        catch (RedisException ex)
        {
            LogHeartbeatFailed(ex, id);
        }
    }

    private async Task StopOnEventAsync(ChannelMessageQueue events, CancellationTokenSource stop)
    {
        try
        {
            while (true)
            {
                var message = await events.ReadAsync(stop.Token);
                if (JsonSerializer.Deserialize<JobRecord>(message.Message.ToString(), RequestReplyJson.Options) is not { Status: JobStatus.Running } record
                    || record.Replica != Replica.Name)
                {
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RenewLeaseAsync(string id, CancellationTokenSource stop)
    {
        using var timer = new PeriodicTimer(_options.Lease / 3, timeProvider);
        try
        {
            for (var renew = false; !stop.IsCancellationRequested; renew = true)
            {
                try
                {
                    if (!await store.HeartbeatAsync(id, Replica.Name, renewLease: renew))
                    {
                        await stop.CancelAsync();
                        return;
                    }
                }
                catch (RedisException ex)
                {
                    // Keep running: if Redis stays away the lease lapses and another replica may take the job over.
                    LogHeartbeatFailed(ex, id);
                }

                if (!await timer.WaitForNextTickAsync(stop.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task NoteStoppedAsync(string id, long started)
    {
        if (await store.GetAsync(id) is { Status: JobStatus.Cancelled })
        {
            await store.MarkStoppedAsync(id);
            metrics.JobFinished(JobStatus.Cancelled, timeProvider.GetElapsedTime(started));
            LogStoppedCancelled(Replica, id);
        }
    }

    private static JobMessage? ReadJob(ServiceBusReceivedMessage message)
    {
        try
        {
            return message.Body.ToObjectFromJson<JobMessage>(RequestReplyJson.Options) is { } job && job.Id == message.MessageId ? job : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The trace id in the Diagnostic-Id (W3C traceparent) the SDK stamped on the message when the API sent it.</summary>
    private static string? ReceivedTraceId(ServiceBusReceivedMessage message) =>
        message.ApplicationProperties.TryGetValue("Diagnostic-Id", out var value) && value is string traceParent
            && ActivityContext.TryParse(traceParent, null, out var context)
            ? context.TraceId.ToString()
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Id} has no status (expired?); its message is dropped")]
    private partial void LogNoStatus(string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Id} is already {Status}; not running it")]
    private partial void LogAlreadyFinal(string id, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} resumes job {Id} (attempt {Attempt})")]
    private partial void LogResumed(ReplicaIdentity replica, string id, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica {Replica} ran job {Id}: succeeded in {Milliseconds} ms")]
    private partial void LogSucceeded(ReplicaIdentity replica, string id, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Id} failed: {Reason}")]
    private partial void LogFailed(string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Id} delivery {Delivery} failed, message abandoned: {Error}")]
    private partial void LogDeliveryFailed(string id, int delivery, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat for job {Id} failed")]
    private partial void LogHeartbeatFailed(Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} stopped cancelled job {Id}")]
    private partial void LogStoppedCancelled(ReplicaIdentity replica, string id);
}
