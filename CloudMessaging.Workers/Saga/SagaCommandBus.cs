using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Shared.Saga;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.Saga;

/// <summary>
/// The orchestrator's outgoing side effects: commands to participants, timeouts scheduled into the saga's own session,
/// and the outcome on the <c>orders</c> topic. Every one is safe to repeat: commands and events carry deterministic
/// ids, participants are idempotent, the topic drops duplicates, and a timeout only counts if the saga still waits
/// for exactly its command.
/// </summary>
public sealed partial class SagaCommandBus : IAsyncDisposable
{
    public const string EventSource = "cloudmessaging/saga";

    private readonly Dictionary<SagaStep, ServiceBusSender> _participants;
    private readonly ServiceBusSender _saga;
    private readonly OrderEventPublisher _publisher;
    private readonly SagaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SagaCommandBus> _logger;

    public SagaCommandBus(ServiceBusClient client, OrderEventPublisher publisher, IOptions<SagaOptions> options, TimeProvider time, ILogger<SagaCommandBus> logger)
    {
        _participants = new()
        {
            [SagaStep.Inventory] = client.CreateSender(EntityNames.InventoryQueue),
            [SagaStep.Payment] = client.CreateSender(EntityNames.PaymentQueue),
            [SagaStep.Shipping] = client.CreateSender(EntityNames.ShippingCommandsQueue),
        };
        _saga = client.CreateSender(EntityNames.SagaQueue);
        _publisher = publisher;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sends the command and schedules its timeout; returns the timeout's sequence number.</summary>
    public async Task<long> SendAsync(StepCommand command, CancellationToken cancellationToken)
    {
        var message = new ServiceBusMessage(SagaJson.Serialize(command))
        {
            MessageId = command.MessageId,
            CorrelationId = command.OrderId,
            Subject = SagaMessageSubjects.Command,
            ContentType = "application/json",
        };
        var send = _participants[command.Step].SendMessageAsync(message, cancellationToken);

        // The command and its timeout go out together rather than one round trip after the other: the orchestrator
        // holds the session until this handling is stored, so neither the reply nor the timeout can be handled first.
        var wait = command.Action == StepAction.Do ? _options.StepTimeout : _options.CompensationRetryInterval;
        var timeout = new ServiceBusMessage(SagaJson.Serialize(new StepTimeout(command.OrderId, command.Step, command.Action, command.Attempt)))
        {
            MessageId = command.MessageId + ":timeout",
            SessionId = command.OrderId,
            CorrelationId = command.OrderId,
            Subject = SagaMessageSubjects.Timeout,
            ContentType = "application/json",
        };
        var schedule = _saga.ScheduleMessageAsync(timeout, _time.GetUtcNow() + wait, cancellationToken);
        try
        {
            await Task.WhenAll(send, schedule);
        }
        catch when (!send.IsCompletedSuccessfully && schedule.IsCompletedSuccessfully)
        {
            // No command went out, as when the two were sent one after the other: leave no timeout behind to cut
            // short the one the retried handling schedules.
            await CancelTimeoutAsync(schedule.Result, cancellationToken);
            throw;
        }

        return await schedule;
    }

    /// <summary>
    /// Tidies up a timeout that is no longer needed. Best effort: one that has already fired (or is about to) is
    /// ignored by the orchestrator anyway.
    /// </summary>
    public async Task CancelTimeoutAsync(long? sequenceNumber, CancellationToken cancellationToken)
    {
        if (sequenceNumber is not { } number)
        {
            return;
        }

        try
        {
            await _saga.CancelScheduledMessageAsync(number, cancellationToken);
        }
        catch (ServiceBusException exception) when (exception.Reason == ServiceBusFailureReason.MessageNotFound)
        {
            LogTimeoutAlreadyFired(number);
        }
    }

    /// <summary>Publishes the saga's outcome under an id fixed per order and outcome, so a redone handling publishes once.</summary>
    public Task PublishOutcomeAsync(SagaState state, CancellationToken cancellationToken)
    {
        var (type, suffix) = state.Status == SagaStatus.Completed
            ? (OrderEventTypes.OrderConfirmed, "confirmed")
            : (OrderEventTypes.OrderCancelled, "cancelled");
        var data = new OrderEventData(state.OrderId, state.CustomerId, state.Amount, state.Country, state.Tier, state.Reason);
        var orderEvent = OrderEvent.Create(type, EventSource, data, _time) with { Id = $"{state.OrderId}-{suffix}" };
        return _publisher.PublishAsync(orderEvent, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _participants.Values)
        {
            await sender.DisposeAsync();
        }

        await _saga.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timeout {SequenceNumber} had already fired")]
    private partial void LogTimeoutAlreadyFired(long sequenceNumber);
}
