using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Saga;
using CloudMessaging.Workers.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.Saga;

/// <summary>
/// Runs order sagas from the session-enabled <c>saga</c> queue (SessionId = order id): one consumer at a time per saga,
/// in order, while sagas run in parallel across sessions and replicas. Each handling reads the saga's state from the
/// session state, performs the transition's side effects, stores the new state in the session state, mirrors it to
/// Redis, and only then completes the message.
/// </summary>
/// <remarks>
/// If the process dies before the state is stored, the message is redelivered against the old state and the
/// transition is redone; its side effects are idempotent. If it dies after the state is stored but before the message
/// is completed, the redelivered message no longer matches what the saga waits for and is recorded as ignored.
/// Once a saga is Completed or Cancelled (its outcome published), its final state goes to Redis and the session
/// state is cleared, so finished sagas do not pile up in the broker. A reply, timeout or start that reaches a
/// cleared session is then handled against the Redis record: it matches nothing the finished saga waits for, so it
/// is recorded as ignored (or dropped) and completed, never restarting the saga.
/// </remarks>
public sealed partial class SagaOrchestrator : IHostedService, IAsyncDisposable
{
    private readonly DrainedProcessor _processor;
    private readonly SagaStateMachine _machine;
    private readonly SagaOrderStore _orders;
    private readonly TimeProvider _time;
    private readonly ReplicaIdentity _replica;
    private readonly SagaMetrics _metrics;
    private readonly ILogger<SagaOrchestrator> _logger;

    public SagaOrchestrator(
        ServiceBusClient client,
        SagaStateMachine machine,
        SagaOrderStore orders,
        IOptions<SagaOptions> options,
        TimeProvider time,
        ReplicaIdentity replica,
        ProcessorDrain drain,
        SagaMetrics metrics,
        ILogger<SagaOrchestrator> logger)
    {
        _processor = new DrainedProcessor(
            client.CreateSessionProcessor(EntityNames.SagaQueue, new ServiceBusSessionProcessorOptions
            {
                MaxConcurrentSessions = options.Value.MaxConcurrentSessions,
                MaxConcurrentCallsPerSession = 1,
                AutoCompleteMessages = false,
                SessionIdleTimeout = options.Value.SessionIdleTimeout,
            }),
            drain,
            HandleAsync,
            OnErrorAsync);
        _machine = machine;
        _orders = orders;
        _time = time;
        _replica = replica;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _processor.StartAsync(cancellationToken);
        LogOrchestrating(_replica, EntityNames.SagaQueue);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _processor.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _processor.DisposeAsync();

    private async Task HandleAsync(ProcessSessionMessageEventArgs args, CancellationToken cancellationToken)
    {
        var message = args.Message;
        var stored = await args.GetSessionStateAsync(cancellationToken);
        var inSession = stored is not null && !stored.ToMemory().IsEmpty;
        var state = inSession ? SagaJson.Deserialize<SagaState>(stored!) : await FinishedSagaAsync(args.SessionId);
        var (timelineBefore, wasFinished) = (state?.Timeline.Count ?? 0, state?.IsFinished ?? false);

        SagaState? changed;
        try
        {
            changed = message.Subject switch
            {
                SagaMessageSubjects.Start => await _machine.StartAsync(state, SagaJson.Deserialize<StartOrderSaga>(message.Body), cancellationToken),
                SagaMessageSubjects.Reply when state is not null =>
                    await _machine.OnReplyAsync(state, SagaJson.Deserialize<StepReply>(message.Body), cancellationToken) ? state : null,
                SagaMessageSubjects.Timeout when state is not null =>
                    await _machine.OnTimeoutAsync(state, SagaJson.Deserialize<StepTimeout>(message.Body), cancellationToken) ? state : null,
                SagaMessageSubjects.Reply or SagaMessageSubjects.Timeout => null,
                _ => throw new JsonException($"Unknown subject '{message.Subject}'."),
            };
        }
        catch (JsonException exception)
        {
            // Not a message of this saga's protocol: keep it for inspection rather than retrying it ten times.
            await args.DeadLetterMessageAsync(message, "MalformedSagaMessage", exception.Message, cancellationToken);
            return;
        }

        if (changed is not null)
        {
            changed.Version++;
            changed.UpdatedAt = _time.GetUtcNow();
            if (changed.IsFinished)
            {
                // Redis first: once the session state is gone, the Redis record is all that remembers the saga.
                await _orders.MirrorAsync(changed);
                if (inSession)
                {
                    await args.SetSessionStateAsync(null, cancellationToken);
                }
            }
            else
            {
                await args.SetSessionStateAsync(SagaJson.Serialize(changed), cancellationToken);
                await _orders.MirrorAsync(changed);
            }

            _metrics.Recorded(changed, timelineBefore, wasFinished);
        }
        else if (state is null)
        {
            LogUnknownSaga(_replica, message.Subject, args.SessionId);
        }

        await args.CompleteMessageAsync(message, cancellationToken);
        if (changed?.IsFinished == true)
        {
            // Nothing more is due in a finished saga's session: hand the slot to the next saga now instead of
            // waiting out SessionIdleTimeout on an empty session (that wait capped sagas per second at about
            // MaxConcurrentSessions × replicas per second). A stray late message reopens the session elsewhere.
            args.ReleaseSession();
        }
    }

    /// <summary>The Redis record of a saga that finished and whose session state was cleared; null for any other.</summary>
    private async Task<SagaState?> FinishedSagaAsync(string orderId) =>
        await _orders.GetAsync(orderId) is { IsFinished: true } finished ? finished : null;

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        ProcessorLog.ProcessorFailed(_logger, args.Exception, _replica, args.ErrorSource, args.EntityPath);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} orchestrating sagas from {Entity}")]
    private partial void LogOrchestrating(ReplicaIdentity replica, string entity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica}: {Subject} for unknown saga {SessionId} dropped")]
    private partial void LogUnknownSaga(ReplicaIdentity replica, string? subject, string sessionId);
}
