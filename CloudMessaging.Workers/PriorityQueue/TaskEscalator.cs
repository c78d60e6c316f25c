using System.Globalization;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PriorityQueue;
using CloudMessaging.Shared.Observability;

namespace CloudMessaging.Workers.PriorityQueue;

/// <summary>
/// Ageing, so that a flood of higher-priority work cannot starve a lower level forever: every pass, the
/// <paramref name="from"/> queue is peeked from the head, and tasks that have waited there longer than
/// <see cref="PriorityQueueOptions.EscalateAfter"/> are copied one level up, oldest first.
/// </summary>
/// <remarks>
/// The escalator never receives from the queue. Receiving would lock messages the level's own consumers should
/// get, and a message received by mistake (younger than the peek promised, because a consumer took an older one
/// in between) could only be abandoned, which counts as a delivery: at the boundary between aged and young tasks
/// the same message would be abandoned pass after pass until it is dead-lettered, and the task lost.
/// Instead a move is claim, copy, confirm: the escalation store's claim (conditional on the task still queued at
/// <paramref name="from"/>) picks exactly one escalator among the replicas; the winner sends a copy with the same
/// message id, body and acceptance time to <paramref name="to"/>, then confirms it. The original stays behind and
/// is completed without work by the first consumer of <paramref name="from"/> that receives it
/// (<see cref="TaskStartOutcome.EscalatedAway"/>). If the escalator dies between claim and confirm, the original
/// is still served where it is, and once the claim is older than <see cref="PriorityQueueOptions.EscalationClaimTimeout"/>
/// another escalator may claim it again (each re-walks its level from the head that often, since its cursor has moved
/// past the task). A copy that arrives anyway, or two copies from a claimer that was only slow, take effect once,
/// through the task store's complete-once.
/// </remarks>
public sealed partial class TaskEscalator(
    TaskPriority from,
    TaskPriority to,
    ServiceBusClient client,
    EscalationStore escalations,
    PriorityQueueMetrics metrics,
    ReplicaIdentity replica,
    TimeProvider timeProvider,
    PriorityQueueOptions options,
    ILogger<TaskEscalator> logger) : BackgroundService
{
    // Peeks also show locked messages and the originals of tasks already moved up, so a page is larger than the
    // moves of one pass.
    private const int PeekPageSize = 250;

    private readonly ServiceBusReceiver _receiver = client.CreateReceiver(from.QueueName());
    private readonly ServiceBusSender _sender = client.CreateSender(to.QueueName());

    // The next sequence number this replica has not decided on. Everything before it was aged and is moved up,
    // started, completed or claimed by another replica: nothing there becomes a candidate again, except a claim whose
    // escalator died before sending; the walk from the head every EscalationClaimTimeout finds those.
    private long _cursor = 1;

    // When this replica last walked the level from its head; see EscalationClaimTimeout.
    private DateTimeOffset _lastWalkFromHead = timeProvider.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.EscalationInterval, timeProvider);
        do
        {
            try
            {
                // A pass of peeks starts no trace (README "Observability"); an escalated copy keeps its original's trace.
                using var pass = BackgroundActivity.StartPass("escalate " + from.Name());
                var moved = await EscalateAgedAsync(stoppingToken);
                if (moved > 0)
                {
                    LogEscalated(replica, moved, from.Name(), to.Name());
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A failed pass loses nothing: the cursor has not moved past the tasks it was deciding on, and a task
                // claimed without a confirmed copy is still served by its own level.
                LogPassFailed(exception, replica, from.Name());
            }
        }
        while (await WaitForNextPassAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _receiver.DisposeAsync();
        await _sender.DisposeAsync();
    }

    private static async Task<bool> WaitForNextPassAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<int> EscalateAgedAsync(CancellationToken cancellationToken)
    {
        // Behind the cursor lie tasks another replica claimed; if that replica died before sending their copies, the
        // claims expire and the tasks become candidates again, so walk from the head now and then to find them.
        if (timeProvider.GetUtcNow() - _lastWalkFromHead >= options.EscalationClaimTimeout)
        {
            _cursor = 0;
            _lastWalkFromHead = timeProvider.GetUtcNow();
        }

        var moved = 0;
        while (moved < options.EscalationBatchSize)
        {
            var page = await _receiver.PeekMessagesAsync(PeekPageSize, _cursor, cancellationToken);
            var now = timeProvider.GetUtcNow();
            if (page.Count == 0)
            {
                await RewindIfQueueIsYoungAsync(now, cancellationToken);
                return moved;
            }

            // A queue is in enqueue order, so the aged part is a prefix; the first young message ends the pass.
            var aged = page.TakeWhile(m => IsAged(m, now)).ToList();
            if (aged.Count == 0)
            {
                return moved;
            }

            var candidates = (await escalations.WhichCanEscalateAsync([.. aged.Select(m => m.MessageId)], from, to)).ToHashSet(StringComparer.Ordinal);
            var toMove = new List<ServiceBusReceivedMessage>();
            var decidedUpTo = aged[^1].SequenceNumber;
            foreach (var message in aged.Where(m => candidates.Contains(m.MessageId)))
            {
                if (moved + toMove.Count == options.EscalationBatchSize)
                {
                    decidedUpTo = message.SequenceNumber - 1;
                    break;
                }

                toMove.Add(message);
            }

            // Each move is a few round trips (claim, send, confirm); doing a pass's moves concurrently keeps the
            // escalator ahead of a deep aged backlog.
            var outcomes = await Task.WhenAll(toMove.Select(message => TryEscalateAsync(message, cancellationToken)));
            moved += outcomes.Count(outcome => outcome == true);
            // A move that failed is retried next pass: the cursor stops before it.
            var failed = toMove.Where((_, i) => outcomes[i] is null).Select(m => m.SequenceNumber).DefaultIfEmpty(long.MaxValue).Min();
            _cursor = Math.Min(decidedUpTo + 1, failed);
            if (failed != long.MaxValue || aged.Count < page.Count)
            {
                return moved;
            }
        }

        return moved;
    }

    /// <summary>
    /// Nothing lies at or after the cursor. When the head of the queue is young, every message is (enqueue order),
    /// so nothing before the head has been decided on and the cursor can safely move back to it. That recovers a
    /// queue whose sequence numbers started over (an emulator restarted under running workers); Service Bus itself
    /// never reuses them.
    /// </summary>
    private async Task RewindIfQueueIsYoungAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await _receiver.PeekMessageAsync(fromSequenceNumber: 0, cancellationToken) is { } head && head.SequenceNumber < _cursor && !IsAged(head, now))
        {
            _cursor = head.SequenceNumber;
        }
    }

    private bool IsAged(ServiceBusReceivedMessage message, DateTimeOffset now) => now - message.EnqueuedTime >= options.EscalateAfter;

    /// <summary>True when this replica moved the task, false when another claim won, null when the move failed.</summary>
    private async Task<bool?> TryEscalateAsync(ServiceBusReceivedMessage original, CancellationToken cancellationToken)
    {
        if (await escalations.TryClaimEscalationAsync(original.MessageId, from, to) is not { } claim)
        {
            return false;
        }

        var copy = new ServiceBusMessage(original);
        var escalationCount = original.ApplicationProperties.TryGetValue(TaskMessageProperties.Escalations, out var count) ? Convert.ToInt32(count, CultureInfo.InvariantCulture) : 0;
        copy.ApplicationProperties[TaskMessageProperties.Escalations] = escalationCount + 1;
        try
        {
            await _sender.SendMessageAsync(copy, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCopyFailed(exception, replica, original.MessageId, to.Name(), from.Name());
            await escalations.ReleaseEscalationAsync(claim);
            return null;
        }

        await escalations.ConfirmEscalationCopyAsync(original.MessageId, to);
        metrics.Escalated(from, to);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} escalated {Count} aged task(s) from {From} to {To}")]
    private partial void LogEscalated(ReplicaIdentity replica, int count, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica}: escalation pass from {From} failed")]
    private partial void LogPassFailed(Exception exception, ReplicaIdentity replica, string from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica}: task {Id} could not be copied to {To}; it stays in {From}")]
    private partial void LogCopyFailed(Exception exception, ReplicaIdentity replica, string id, string to, string from);
}
