using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Telemetry;
using CloudMessaging.ServiceBusEmulator.Tests.Broker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Telemetry;

/// <summary>What only time does to a message (expiry, a lock running out), on an entity driven by a fake clock.</summary>
public sealed class EntityTelemetryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly BrokerMetrics _metrics = new();
    private readonly SpanRecorder _spans = new();
    private readonly List<MessageEntity> _entities = [];

    public void Dispose()
    {
        foreach (var entity in _entities)
        {
            entity.Dispose();
        }

        _spans.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public void A_lock_that_runs_out_is_counted_and_the_message_comes_back()
    {
        using var metrics = new MetricRecorder(_metrics.Meter);
        var entity = CreateEntity(new EntitySettings { LockDuration = TimeSpan.FromSeconds(30) });
        var consumer = new TestConsumer { Credit = 1 };
        entity.AddConsumer(consumer);
        entity.Send([Message("m1")]);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, metrics.Sum("servicebus.emulator.locks.expired", entity.Name));
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.received", entity.Name));
        Assert.Equal(1, entity.CountMessages().Active);
    }

    [Fact]
    public void A_message_that_expires_is_an_expire_span_of_its_trace_or_a_dead_letter_span_with_the_ttl_reason()
    {
        using var metrics = new MetricRecorder(_metrics.Meter);
        var dropping = CreateEntity(new EntitySettings(), "dropping");
        var deadLettering = CreateEntity(new EntitySettings { DeadLetteringOnMessageExpiration = true }, "dead-lettering");
        var producer = SpanRecorder.NewProducerContext();

        dropping.Send([Message("d1", producer, TimeSpan.FromMinutes(1))]);
        deadLettering.Send([Message("l1", producer, TimeSpan.FromMinutes(1))]);
        _time.Advance(TimeSpan.FromMinutes(1));

        var spans = _spans.InTrace(producer.TraceId);
        var sends = spans.Where(s => s.DisplayName.StartsWith("send ", StringComparison.Ordinal)).ToDictionary(s => s.DisplayName);
        var expire = Assert.Single(spans, s => s.DisplayName == "expire dropping");
        Assert.Equal(sends["send dropping"].SpanId, expire.ParentSpanId);
        var deadLetter = Assert.Single(spans, s => s.DisplayName == "dead_letter dead-lettering");
        Assert.Equal(sends["send dead-lettering"].SpanId, deadLetter.ParentSpanId);
        Assert.Equal(MessageEntity.TtlExpiredReason, deadLetter.GetTagItem("messaging.servicebus.dead_letter_reason"));
        Assert.Null(deadLetter.GetTagItem("messaging.servicebus.disposition_status"));
        Assert.Equal(deadLetter.SpanId, sends["send dead-lettering/$DeadLetterQueue"].ParentSpanId);
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.expired", "dropping"));
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.expired", "dead-lettering"));
        Assert.Equal(1, metrics.Sum("servicebus.emulator.messages.dead_lettered", "dead-lettering"));
        Assert.Equal(0, metrics.Sum("servicebus.emulator.messages.dead_lettered", "dropping"));
    }

    private MessageEntity CreateEntity(EntitySettings settings, string name = "q")
    {
        var deadLetterQueue = new MessageEntity(
            name + MessageEntity.DeadLetterQueueSuffix, EntitySettings.DeadLetterQueueOf(settings), _time, _ => null, NullLogger.Instance, metrics: _metrics);
        var entity = new MessageEntity(name, settings, _time, _ => null, NullLogger.Instance, metrics: _metrics) { DeadLetterQueue = deadLetterQueue };
        _entities.Add(entity);
        _entities.Add(deadLetterQueue);
        return entity;
    }

    private static BrokerMessage Message(string messageId, System.Diagnostics.ActivityContext trace = default, TimeSpan? ttl = null) =>
        new([1, 2, 3], new MessageHeaderFields { MessageId = messageId, TimeToLive = ttl }) { TraceContext = trace };
}
