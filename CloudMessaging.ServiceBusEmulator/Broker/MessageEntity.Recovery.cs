using CloudMessaging.ServiceBusEmulator.Broker.Storage;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Recovery: a durable namespace hands back what an entity held when the process stopped. Every entity is restored
/// first and resumed after, so a message that a restart sends to a dead-letter queue finds that queue complete.
/// </summary>
internal sealed partial class MessageEntity
{
    private List<BrokerMessage>? _lockedAtRestart;

    public void Restore(RestoredEntity restored)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            _store.RestoreLastSequenceNumber(restored.LastSequenceNumber);
            foreach (var (sessionId, state) in restored.SessionStates)
            {
                if (_sessions is not null)
                {
                    GetSession(sessionId).State = state;
                }
            }

            foreach (var (messageId, seenAt) in restored.Duplicates)
            {
                _duplicates?.Restore(messageId, seenAt);
            }

            foreach (var (message, wasLocked) in restored.Messages)
            {
                _store.Restore(message);
                if (wasLocked)
                {
                    (_lockedAtRestart ??= []).Add(message);
                }
                else if (message.State == MessageState.Scheduled)
                {
                    _deadlines.Enqueue(message, message.ScheduledEnqueueTime);
                }
                else if (message.State == MessageState.Active)
                {
                    if (message.ExpiresAt != DateTimeOffset.MaxValue)
                    {
                        _deadlines.Enqueue(message, message.ExpiresAt);
                    }

                    MakeAvailable(message, now);
                }
            }
        }
    }

    /// <summary>Gives back the messages whose lock the restart ended, as a lock expiry would, and starts the clock.</summary>
    public void Resume()
    {
        List<BrokerMessage>? deadLettered = null;
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            foreach (var message in _lockedAtRestart ?? [])
            {
                if (message.State == MessageState.Active && message.ExpiresAt != DateTimeOffset.MaxValue)
                {
                    _deadlines.Enqueue(message, message.ExpiresAt);
                }

                ReturnAfterLock(message, now, ref deadLettered);
            }

            _lockedAtRestart = null;
            ArmTimer(now);
        }

        SendDeadLettered(deadLettered);
        RequestPump();
    }
}
