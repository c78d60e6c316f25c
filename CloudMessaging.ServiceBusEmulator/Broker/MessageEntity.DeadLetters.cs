using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Dead-lettering: a message that leaves for the dead-letter queue (or the entity its dead letters are forwarded
/// to) goes as a stamped copy, collected under the lock and sent once the lock is released.
/// </summary>
internal sealed partial class MessageEntity
{
    internal const string DeadLetterReasonProperty = "DeadLetterReason";
    internal const string DeadLetterDescriptionProperty = "DeadLetterErrorDescription";

    /// <summary>Stores a message that arrives already condemned (a topic rule failed on it) straight in the dead-letter target.</summary>
    public void DeadLetterOnArrival(BrokerMessage message, string reason, string? description)
    {
        var copy = message.CopyForDeadLetter(reason, description);
        _telemetry.DeadLettered(message, copy, reason, description, bySettlement: false);
        SendDeadLettered([copy]);
    }

    private void ThrowIfDeadLetterQueue()
    {
        if (Settings.IsDeadLetterQueue)
        {
            throw new BrokerException(BrokerError.InvalidOperation, $"Messages in '{Name}' cannot be dead-lettered again.");
        }
    }

    private void MoveToDeadLetter(
        BrokerMessage message, string? reason, string? description, ref List<BrokerMessage>? deadLettered, bool bySettlement = false)
    {
        RemoveLive(message);
        var copy = message.CopyForDeadLetter(reason, description);
        _telemetry.DeadLettered(message, copy, reason, description, bySettlement);
        (deadLettered ??= []).Add(copy);
    }

    /// <summary>Called outside the lock: the target is another entity with a lock of its own.</summary>
    private void SendDeadLettered(List<BrokerMessage>? deadLettered)
    {
        if (deadLettered is null)
        {
            return;
        }

        var target = Settings.ForwardDeadLetteredMessagesTo is { } forwardTo ? _resolveTarget(forwardTo) : DeadLetterQueue;
        if (target is null)
        {
            LogDeadLettersDropped(deadLettered.Count, Name);
            return;
        }

        target.Send(deadLettered);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} dead-lettered message(s) from {Entity} were dropped: no dead-letter target.")]
    private partial void LogDeadLettersDropped(int count, string entity);
}
