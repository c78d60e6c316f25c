using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;
using CloudMessaging.ServiceBusEmulator.Telemetry;

namespace CloudMessaging.ServiceBusEmulator.Broker.Topics;

/// <summary>
/// A topic: a send-only entity that hands every message to each subscription whose rules select it, as one copy
/// per <see cref="RuleDelivery"/>. Duplicate detection happens here, once per message, before any copy is made;
/// time to live and scheduling are then the subscriptions' own (their settings fold in the topic's TTL).
/// </summary>
internal sealed partial class Topic : IMessageTarget, IScheduleTarget
{
    private readonly object _sync = new();
    private readonly Func<BrokerMessage, IRoutedMessage> _route;
    private readonly TimeProvider _time;
    private readonly DuplicateDetector? _duplicates;
    private readonly IEntityJournal _journal;
    private readonly EntityTelemetry _telemetry;

    // The sequence numbers a scheduled topic message got in each subscription, so that cancelling it cancels every copy.
    private readonly Dictionary<long, ScheduledCopies> _scheduled = [];
    private Subscription[] _subscriptions = [];
    private long _lastSequenceNumber;

    /// <param name="journal">Hears the topic's numbers, duplicate ids and scheduled copies (<see cref="NoJournal"/> when null).</param>
    /// <param name="metrics">Where the topic counts the messages it accepts (<see cref="BrokerMetrics.None"/> when null).</param>
    public Topic(
        TopicDefinition definition, Func<BrokerMessage, IRoutedMessage> route, TimeProvider time, IEntityJournal? journal = null, BrokerMetrics? metrics = null)
    {
        Name = definition.Name;
        _route = route;
        _time = time;
        _journal = journal ?? NoJournal.Instance;
        _duplicates = definition.RequiresDuplicateDetection ? new DuplicateDetector(definition.DuplicateDetectionHistoryTimeWindow, _journal) : null;
        Definition = definition;
        _telemetry = new EntityTelemetry(Name, metrics ?? BrokerMetrics.None);
        _maxSizeBytes = SizeQuota.BytesOf(definition.MaxSizeInMegabytes);
        _accessedAtTicks = time.GetUtcNow().UtcTicks;
    }

    public string Name { get; }

    public void AddSubscription(Subscription subscription)
    {
        lock (_sync)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }
    }

    public void Send(IReadOnlyList<BrokerMessage> messages, int hopCount = 0)
    {
        EnsureSendable();
        var accepted = WithoutDuplicates(messages);

        // The topic's span is the parent of each subscription's arrival span: the fan-out shows in the trace.
        _telemetry.Arrive(accepted, (Topic: this, Messages: accepted, HopCount: hopCount), static s => s.Topic.SendCopies(s.Messages, s.HopCount), numbered: false);

        _telemetry.Stored(accepted.Count);
    }

    private void SendCopies(IReadOnlyList<BrokerMessage> accepted, int hopCount)
    {
        var copies = Route(accepted, out var subscriptions);
        EnsureRoomFor(copies, subscriptions);

        // All or nothing: a copy a session-enabled subscription cannot take refuses the send before any is stored.
        for (var i = 0; i < copies.Length; i++)
        {
            if (copies[i] is { Count: > 0 } forSubscription)
            {
                subscriptions[i].Entity.CheckSessionIds(forSubscription);
            }
        }

        for (var i = 0; i < copies.Length; i++)
        {
            if (copies[i] is { Count: > 0 } forSubscription)
            {
                subscriptions[i].Entity.Send(forSubscription, hopCount);
            }
        }
    }

    /// <summary>Schedules every copy and returns one topic-wide sequence number per message, the handle for cancelling.</summary>
    public long[] Schedule(IReadOnlyList<BrokerMessage> messages)
    {
        EnsureSendable();
        return Schedule(messages, ReserveSequenceNumbers(messages.Count));
    }

    public long[] ReserveSequenceNumbers(int count)
    {
        lock (_sync)
        {
            var numbers = SequenceNumbers.Take(ref _lastSequenceNumber, count);
            _journal.SequenceNumbersReserved(_lastSequenceNumber);
            return numbers;
        }
    }

    public long[] Schedule(IReadOnlyList<BrokerMessage> messages, long[] sequenceNumbers)
    {
        var byMessage = new ScheduledCopies[messages.Count];
        for (var m = 0; m < messages.Count; m++)
        {
            byMessage[m] = new ScheduledCopies(messages[m].Fields.ScheduledEnqueueTime ?? _time.GetUtcNow(), []);
            var copies = Route([messages[m]], out var subscriptions);
            for (var i = 0; i < copies.Length; i++)
            {
                if (copies[i] is { Count: > 0 } forSubscription)
                {
                    foreach (var sequenceNumber in subscriptions[i].Entity.Schedule(forSubscription))
                    {
                        byMessage[m].Copies.Add((subscriptions[i].Entity, sequenceNumber));
                    }
                }
            }
        }

        lock (_sync)
        {
            ForgetPastSchedules(_time.GetUtcNow());
            for (var m = 0; m < messages.Count; m++)
            {
                _scheduled[sequenceNumbers[m]] = byMessage[m];
                _journal.ScheduledCopiesRecorded(
                    sequenceNumbers[m], byMessage[m].At, [.. byMessage[m].Copies.Select(c => (c.Entity.Name, c.SequenceNumber))]);
            }
        }

        return sequenceNumbers;
    }

    public void CancelScheduled(IEnumerable<long> sequenceNumbers)
    {
        var toCancel = new List<(MessageEntity Entity, long SequenceNumber)>();
        lock (_sync)
        {
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (_scheduled.Remove(sequenceNumber, out var scheduled))
                {
                    toCancel.AddRange(scheduled.Copies);
                    _journal.ScheduledCopiesForgotten(sequenceNumber);
                }
            }
        }

        foreach (var group in toCancel.GroupBy(c => c.Entity))
        {
            group.Key.CancelScheduled(group.Select(c => c.SequenceNumber));
        }
    }

    private IReadOnlyList<BrokerMessage> WithoutDuplicates(IReadOnlyList<BrokerMessage> messages)
    {
        if (_duplicates is null)
        {
            return messages;
        }

        lock (_sync)
        {
            var now = _time.GetUtcNow();
            return messages.Where(m => !_duplicates.IsDuplicate(m, now)).ToList();
        }
    }

    // One list per subscription (same index as _subscriptions), null where nothing matched.
    private List<BrokerMessage>?[] Route(IReadOnlyList<BrokerMessage> messages, out Subscription[] subscriptions)
    {
        subscriptions = _subscriptions;
        var copies = new List<BrokerMessage>?[subscriptions.Length];
        foreach (var message in messages)
        {
            var view = _route(message);
            for (var i = 0; i < subscriptions.Length; i++)
            {
                if (subscriptions[i].Entity.Status == EntityStatus.Disabled)
                {
                    continue;
                }

                foreach (var delivery in subscriptions[i].Rules.Evaluate(view))
                {
                    if (delivery.IsDeadLetter)
                    {
                        DeadLetter(subscriptions[i], delivery);
                    }
                    else
                    {
                        (copies[i] ??= []).Add(((IRoutedMessage)delivery.Message).ToBrokerMessage());
                    }
                }
            }
        }

        return copies;
    }

    private static void DeadLetter(Subscription subscription, RuleDelivery delivery) =>
        subscription.Entity.DeadLetterOnArrival(
            ((IRoutedMessage)delivery.Message).ToBrokerMessage(), delivery.DeadLetterReason!, delivery.DeadLetterDescription);

    private void ForgetPastSchedules(DateTimeOffset now)
    {
        foreach (var (sequenceNumber, scheduled) in _scheduled)
        {
            if (scheduled.At <= now)
            {
                _scheduled.Remove(sequenceNumber);
                _journal.ScheduledCopiesForgotten(sequenceNumber);
            }
        }
    }

    /// <summary>Takes back the numbers, duplicate ids and scheduled copies recorded before a restart.</summary>
    public void Restore(
        long lastSequenceNumber,
        IEnumerable<(string MessageId, DateTimeOffset SeenAt)> duplicates,
        IEnumerable<(long SequenceNumber, DateTimeOffset At, IReadOnlyList<(MessageEntity Entity, long SequenceNumber)> Copies)> scheduled)
    {
        lock (_sync)
        {
            _lastSequenceNumber = Math.Max(_lastSequenceNumber, lastSequenceNumber);
            foreach (var (messageId, seenAt) in duplicates)
            {
                _duplicates?.Restore(messageId, seenAt);
            }

            foreach (var (sequenceNumber, at, copies) in scheduled)
            {
                _scheduled[sequenceNumber] = new ScheduledCopies(at, [.. copies]);
            }
        }
    }

    private sealed record ScheduledCopies(DateTimeOffset At, List<(MessageEntity Entity, long SequenceNumber)> Copies);
}
