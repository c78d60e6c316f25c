using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Workers.PriorityQueue;

/// <summary>
/// Ageing, so that a flood of higher-priority work cannot starve a lower level forever: every pass, the head of
/// the <paramref name="from"/> queue is peeked, and tasks that have waited there longer than
/// <see cref="PriorityQueueOptions.EscalateAfter"/> are received and moved one level up, oldest first.
/// </summary>
/// <remarks>
/// The move is send-up-then-complete: the copy keeps the message id (the task id), the body and the original
/// acceptance time, so the task keeps its identity and its true wait. If the process dies between the two steps
/// the task exists twice; the ledger's complete-once transaction makes its effect happen once anyway. The other
/// order (complete, then send) could lose the task, which is worse than doing its work twice.
/// Every replica runs an escalator per level; received messages are locked, so two escalators never move the same
/// message at the same time.
/// </remarks>
public sealed class TaskEscalator(
    TaskPriority from,
    TaskPriority to,
    ServiceBusClient client,
    TaskLedger ledger,
    ReplicaIdentity replica,
    TimeProvider timeProvider,
    PriorityQueueOptions options,
    ILogger<TaskEscalator> logger) : BackgroundService
{
    private readonly ServiceBusReceiver _receiver = client.CreateReceiver(from.QueueName(), new ServiceBusReceiverOptions { PrefetchCount = 0 });
    private readonly ServiceBusSender _sender = client.CreateSender(to.QueueName());

    // The lowest sequence number alive at the last peek: a peek shows locked messages too, so nothing older can
    // still be in the queue, and starting there avoids walking the already-consumed part of the queue every pass.
    private long _head = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.EscalationInterval, timeProvider);
        do
        {
            try
            {
                var moved = await EscalateAgedAsync(stoppingToken);
                if (moved > 0)
                {
                    logger.LogInformation("Replica {Replica} escalated {Count} aged task(s) from {From} to {To}", replica, moved, from.Name(), to.Name());
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A failed pass loses nothing: what was received and not completed is redelivered when its lock ends.
                logger.LogWarning(exception, "Replica {Replica}: escalation pass from {From} failed", replica, from.Name());
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
        var peeked = await _receiver.PeekMessagesAsync(options.EscalationBatchSize, _head, cancellationToken);
        if (peeked.Count == 0)
        {
            return 0;
        }

        _head = peeked[0].SequenceNumber;
        var now = timeProvider.GetUtcNow();
        // Locked messages are being worked on (or escalated by another replica) and cannot be received.
        var aged = peeked.Count(m => IsAged(m, now) && m.LockedUntil <= now);
        if (aged == 0)
        {
            return 0;
        }

        var received = await _receiver.ReceiveMessagesAsync(aged, TimeSpan.FromSeconds(1), cancellationToken);
        // Each move is a few round trips (ledger, send, complete); doing a pass's moves concurrently keeps the
        // escalator ahead of a deep aged backlog.
        var moved = await Task.WhenAll(received.Select(async message =>
        {
            if (!IsAged(message, timeProvider.GetUtcNow()))
            {
                // A younger message than the peek promised (an older one was taken meanwhile): put it back.
                await _receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken);
                return 0;
            }

            await EscalateAsync(message, cancellationToken);
            return 1;
        }));
        return moved.Sum();
    }

    private bool IsAged(ServiceBusReceivedMessage message, DateTimeOffset now) => now - message.EnqueuedTime >= options.EscalateAfter;

    private async Task EscalateAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        if (await ledger.IsCompletedAsync(message.MessageId))
        {
            // A leftover copy of a task that already took effect (see remarks): nothing to move.
            await _receiver.CompleteMessageAsync(message, cancellationToken);
            return;
        }

        var escalated = new ServiceBusMessage(message);
        var escalations = message.ApplicationProperties.TryGetValue(TaskMessageProperties.Escalations, out var count) ? Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture) : 0;
        escalated.ApplicationProperties[TaskMessageProperties.Escalations] = escalations + 1;

        await ledger.RecordEscalatedAsync(message.MessageId, from, to);
        await _sender.SendMessageAsync(escalated, cancellationToken);
        await _receiver.CompleteMessageAsync(message, cancellationToken);
    }
}
