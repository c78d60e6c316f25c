using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Saga;
using CloudMessaging.Workers.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.Saga;

/// <summary>
/// A saga participant: takes commands from its own queue, runs the step (or its compensation) as a local transaction
/// in its own store, and answers the orchestrator. Redelivered commands are harmless because the stores are
/// idempotent by order id and step. A failure to answer throws, so the command is redelivered and answered again.
/// </summary>
public abstract partial class SagaParticipant(
    ServiceBusClient client,
    SagaReplySender replies,
    IOptions<SagaOptions> options,
    TimeProvider time,
    ReplicaIdentity replica,
    ProcessorDrain drain,
    ILogger logger,
    string queue)
    : QueueProcessorService(client, replica, drain, logger, queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = options.Value.ParticipantConcurrency })
{
    /// <summary>Marks the copy of a command that a stalled participant scheduled to itself, so it stalls only once.</summary>
    public const string StalledProperty = "saga-stalled";

    private readonly ServiceBusSender _self = client.CreateSender(queue);
    private readonly ILogger _logger = logger;

    protected abstract Task<ParticipantResult> DoAsync(StepCommand command);

    protected abstract Task<ParticipantResult> UndoAsync(StepCommand command);

    protected override async Task HandleAsync(ProcessMessageEventArgs args, CancellationToken cancellationToken)
    {
        StepCommand command;
        try
        {
            command = SagaJson.Deserialize<StepCommand>(args.Message.Body);
        }
        catch (JsonException exception)
        {
            await args.DeadLetterMessageAsync(args.Message, "MalformedCommand", exception.Message, cancellationToken);
            return;
        }

        if (command.Stall && command.Action == StepAction.Do && !args.Message.ApplicationProperties.ContainsKey(StalledProperty))
        {
            await StallAsync(args.Message, command);
            return;
        }

        var result = command.Action == StepAction.Do ? await DoAsync(command) : await UndoAsync(command);
        LogStep(Replica, command.Step, command.Action, command.OrderId, result.Outcome);
        if (command.LoseReply)
        {
            // The demonstration of a lost answer: the work is done, the orchestrator never hears of it and resends.
            LogLosingAnswer(Replica, command.Step, command.Action, command.OrderId);
            return;
        }

        await replies.SendAsync(command, result, Replica.Name, cancellationToken);
    }

    /// <summary>
    /// The demonstration stall: the command comes back to this queue only after the orchestrator's timeout, so its
    /// compensation usually gets here first and the step itself is then refused.
    /// </summary>
    private async Task StallAsync(ServiceBusReceivedMessage message, StepCommand command)
    {
        var copy = new ServiceBusMessage(message) { MessageId = message.MessageId + ":stalled" };
        copy.ApplicationProperties[StalledProperty] = true;
        await _self.ScheduleMessageAsync(copy, time.GetUtcNow() + options.Value.StallDelay);
        LogStalling(Replica, command.Step, command.OrderId, options.Value.StallDelay);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica {Replica}: {Step} {Action} of order {OrderId}: {Outcome}")]
    private partial void LogStep(ReplicaIdentity replica, SagaStep step, StepAction action, string orderId, StepOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica}: losing the answer to {Step} {Action} of order {OrderId}")]
    private partial void LogLosingAnswer(ReplicaIdentity replica, SagaStep step, StepAction action, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica}: stalling {Step} of order {OrderId} for {Delay}")]
    private partial void LogStalling(ReplicaIdentity replica, SagaStep step, string orderId, TimeSpan delay);
}
