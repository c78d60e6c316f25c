using System.Text.Json;
using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.PubSub;

/// <summary>
/// What the order-event subscribers did, in Redis. Per event, a hash <c>pubsub:events:{id}</c> with one field per
/// subscriber that handled it (expires after <see cref="EventRecordTimeToLive"/>); per subscriber, a hash
/// <c>pubsub:subscribers:{name}</c> with the count of distinct events handled and the last one. Recording is one
/// transaction conditioned on the subscriber's field being absent (and its failure switch being off), so a
/// redelivered copy (a lost lock, a crash after recording but before completing) is recognised and counted once.
/// </summary>
public sealed class SubscriberStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan EventRecordTimeToLive = TimeSpan.FromDays(1);

    /// <summary>A failure switch left on by mistake turns itself off after this long.</summary>
    public static readonly TimeSpan FailureSwitchTimeToLive = TimeSpan.FromHours(1);

    private const int MaxConflictRetries = 20;

    private const string HandledField = "handled";

    private const string LastField = "last";

    private IDatabase Database => redis.GetDatabase();

    public static string EventKey(string eventId) => $"pubsub:events:{eventId}";

    /// <summary>Per event, how many further copies each subscriber received after handling it (normally none).</summary>
    public static string RepeatsKey(string eventId) => $"pubsub:events:{eventId}:repeats";

    public static string SubscriberKey(string subscriber) => $"pubsub:subscribers:{subscriber}";

    public static string FailureSwitchKey(string subscriber) => $"pubsub:subscribers:{subscriber}:failing";

    /// <summary>
    /// Records that <paramref name="handled"/>'s subscriber handled its event, unless its failure switch is on; says
    /// which happened. A copy of an event the subscriber had already handled is counted under
    /// <see cref="RepeatsKey"/>.
    /// </summary>
    /// <remarks>
    /// The failure switch is one more condition of the recording transaction rather than a read before it: the same
    /// answer, one Redis round trip fewer for every copy of every event.
    /// </remarks>
    public async Task<RecordOutcome> RecordAsync(HandledEvent handled)
    {
        ArgumentNullException.ThrowIfNull(handled);
        var eventKey = EventKey(handled.EventId);
        var subscriberKey = SubscriberKey(handled.Subscriber);
        var failureSwitchKey = FailureSwitchKey(handled.Subscriber);
        var json = JsonSerializer.Serialize(handled, SubscriberJsonContext.Default.HandledEvent);

        var database = Database;

        // The condition watches the event's hash, which the other subscribers write too, so a transaction also aborts
        // when one of them records the same event at the same moment: only our own field means "already handled".
        var outcome = await RedisTransactionRetry.RunAsync(
            database,
            MaxConflictRetries,
            transaction =>
            {
                transaction.AddCondition(Condition.KeyNotExists(failureSwitchKey));
                transaction.AddCondition(Condition.HashNotExists(eventKey, handled.Subscriber));
                _ = transaction.HashSetAsync(eventKey, handled.Subscriber, json);
                _ = transaction.KeyExpireAsync(eventKey, EventRecordTimeToLive);
                _ = transaction.HashIncrementAsync(subscriberKey, HandledField);
                _ = transaction.HashSetAsync(subscriberKey, LastField, json);
                return Task.FromResult(TransactionStep<RecordOutcome>.Execute(RecordOutcome.Recorded));
            },
            async _ =>
            {
                var failing = database.KeyExistsAsync(failureSwitchKey);
                var written = database.HashExistsAsync(eventKey, handled.Subscriber);
                return await failing.ConfigureAwait(false) ? TransactionStep<RecordOutcome>.Decided(RecordOutcome.SubscriberFailing)
                    : await written.ConfigureAwait(false) ? TransactionStep<RecordOutcome>.Decided(RecordOutcome.AlreadyRecorded)
                    : TransactionStep<RecordOutcome>.Retry;
            },
            () => throw new InvalidOperationException(
                $"Recording {handled.Subscriber}'s handling of {handled.EventId}: the transaction was aborted {MaxConflictRetries} times without the record being written.")).ConfigureAwait(false);
        if (outcome != RecordOutcome.AlreadyRecorded)
        {
            return outcome;
        }

        // Counted rather than ignored, so that a copy the broker should not have delivered (a duplicate publish) shows.
        var repeatsKey = RepeatsKey(handled.EventId);
        await database.HashIncrementAsync(repeatsKey, handled.Subscriber).ConfigureAwait(false);
        await database.KeyExpireAsync(repeatsKey, EventRecordTimeToLive).ConfigureAwait(false);
        return RecordOutcome.AlreadyRecorded;
    }

    /// <summary>Copies of the event each subscriber received after it had handled the event, by subscriber name.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetRepeatsAsync(string eventId)
    {
        var fields = await Database.HashGetAllAsync(RepeatsKey(eventId)).ConfigureAwait(false);
        return fields.ToDictionary(field => field.Name.ToString(), field => (long)field.Value, StringComparer.Ordinal);
    }

    /// <summary>Every subscriber's record of the event, by subscriber name; empty when none has handled it (yet).</summary>
    public async Task<IReadOnlyDictionary<string, HandledEvent>> GetEventAsync(string eventId)
    {
        var fields = await Database.HashGetAllAsync(EventKey(eventId)).ConfigureAwait(false);
        return fields.ToDictionary(
            field => field.Name.ToString(),
            field => Deserialize(field.Value)!,
            StringComparer.Ordinal);
    }

    public async Task<SubscriberStatistics> GetStatisticsAsync(string subscriber)
    {
        var database = Database;
        var fieldsTask = database.HashGetAllAsync(SubscriberKey(subscriber));
        var failingTask = database.KeyExistsAsync(FailureSwitchKey(subscriber));
        var fields = (await fieldsTask.ConfigureAwait(false)).ToDictionary(f => f.Name.ToString(), f => f.Value);
        var handled = fields.TryGetValue(HandledField, out var count) ? (long)count : 0;
        var last = fields.TryGetValue(LastField, out var lastJson) ? Deserialize(lastJson) : null;
        return new SubscriberStatistics(subscriber, handled, last, await failingTask.ConfigureAwait(false));
    }

    /// <summary>Makes the subscriber fail every event it receives (so its copies retry and dead-letter), or stops that.</summary>
    public Task SetFailingAsync(string subscriber, bool failing) =>
        failing
            ? Database.StringSetAsync(FailureSwitchKey(subscriber), "1", FailureSwitchTimeToLive)
            : Database.KeyDeleteAsync(FailureSwitchKey(subscriber));

    private static HandledEvent? Deserialize(RedisValue value) =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, SubscriberJsonContext.Default.HandledEvent);
}
