using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Broker;

/// <summary>The persistence and size-quota seams see every durable change and every send of an entity.</summary>
public sealed class EntityStorageSeamTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingJournal _journal = new();
    private readonly List<MessageEntity> _entities = [];

    public void Dispose()
    {
        foreach (var entity in _entities)
        {
            entity.Dispose();
        }
    }

    [Fact]
    public void Sends_schedules_cancellations_and_settlements_reach_the_journal_in_order()
    {
        var entity = CreateEntity(new EntitySettings());
        entity.Send([Message("a"), Message("b"), Message("c")]);
        var scheduled = entity.Schedule([Message("later", scheduledAt: _time.GetUtcNow().AddMinutes(5))]);
        entity.CancelScheduled(scheduled);
        var consumer = new TestConsumer { Credit = 3 };
        entity.AddConsumer(consumer);

        entity.Complete(consumer.Deliveries[0].LockToken);
        entity.Defer(consumer.Deliveries[1].LockToken, null);
        entity.Abandon(consumer.Deliveries[2].LockToken, null);

        Assert.Equal(
            ["stored 1 Active", "stored 2 Active", "stored 3 Active", "stored 4 Scheduled", "removed 4", "removed 1", "updated 2 Deferred", "updated 3 Active"],
            _journal.Entries);
    }

    [Fact]
    public async Task Session_state_writes_reach_the_journal()
    {
        var entity = CreateEntity(new EntitySettings { RequiresSession = true });
        var grant = await entity.AcceptSessionAsync("s", new TestConsumer(), TimeSpan.Zero, CancellationToken.None);

        entity.SetSessionState(grant.SessionId, [1, 2]);

        Assert.Equal(["session s 2 bytes"], _journal.Entries);
    }

    [Fact]
    public void A_send_the_quota_refuses_stores_none_of_its_messages()
    {
        var quota = new RefusingQuota(maxBytes: 3);
        var entity = CreateEntity(new EntitySettings(), quota);
        entity.Send([Message("ab")]);

        var refused = Assert.Throws<BrokerException>(() => entity.Send([Message("c"), Message("d")]));

        Assert.Equal(BrokerError.InvalidOperation, refused.Error);
        Assert.Equal(1, entity.MessageCount);
        Assert.Equal([(0L, 2L), (2L, 2L)], quota.Asked);
    }

    private MessageEntity CreateEntity(EntitySettings settings, IEntityQuota? quota = null)
    {
        var entity = new MessageEntity("q", settings, _time, _ => null, NullLogger.Instance, _journal, quota);
        _entities.Add(entity);
        return entity;
    }

    private static BrokerMessage Message(string body, DateTimeOffset? scheduledAt = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(body), new MessageHeaderFields { ScheduledEnqueueTime = scheduledAt });

    private sealed class RecordingJournal : IEntityJournal
    {
        public List<string> Entries { get; } = [];

        public void Stored(BrokerMessage message) => Entries.Add($"stored {message.SequenceNumber} {message.State}");

        public void Updated(BrokerMessage message) => Entries.Add($"updated {message.SequenceNumber} {message.State}");

        public void Removed(BrokerMessage message) => Entries.Add($"removed {message.SequenceNumber}");

        public void SessionStateWritten(string sessionId, byte[]? state) => Entries.Add($"session {sessionId} {state?.Length} bytes");

        // Heard by the durable journal; these tests follow the message lifecycle only.
        public void Locked(BrokerMessage message)
        {
        }

        public void SequenceNumbersReserved(long lastSequenceNumber)
        {
        }

        public void DuplicateRecorded(string messageId, DateTimeOffset seenAt, DateTimeOffset forgetAt)
        {
        }

        public void ScheduledCopiesRecorded(long sequenceNumber, DateTimeOffset at, IReadOnlyList<(string Entity, long SequenceNumber)> copies)
        {
        }

        public void ScheduledCopiesForgotten(long sequenceNumber)
        {
        }

        public void RulesChanged(IReadOnlyList<CloudMessaging.ServiceBusEmulator.Configuration.RuleDefinition> rules)
        {
        }
    }

    private sealed class RefusingQuota(long maxBytes) : IEntityQuota
    {
        public List<(long Stored, long Incoming)> Asked { get; } = [];

        public void EnsureRoom(long storedBytes, long incomingBytes)
        {
            Asked.Add((storedBytes, incomingBytes));
            if (storedBytes + incomingBytes > maxBytes)
            {
                throw new BrokerException(BrokerError.InvalidOperation, "The entity is full.");
            }
        }
    }
}
