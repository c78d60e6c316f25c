using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Idempotency;

/// <summary>
/// Applies a message's effect at most once, however often the message is delivered. The record keyed by MessageId and
/// the effect are written in one Redis transaction that commits only if the record does not exist yet, so two
/// replicas racing on a redelivered message cannot both apply it, and a crash between "effect" and "record" cannot
/// happen. The guarantee covers effects that are Redis writes; an effect elsewhere (a payment API, an e-mail) needs
/// that system to accept the MessageId as its own idempotency key.
/// </summary>
public sealed class IdempotencyStore(IConnectionMultiplexer redis, TimeProvider timeProvider)
{
    /// <summary>
    /// How long a record is kept. A duplicate that arrives later is applied again, so this must outlive the longest
    /// path a copy can take: lock expiry and redelivery (seconds), a dead-letter replay (days).
    /// </summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    // Aborts without a record come from unrelated writes; a few retries outlast them, and the last one fails the
    // delivery so the broker redelivers the message rather than it being dropped.
    private const int MaxAttempts = 5;

    /// <summary>Whether the effect for <paramref name="messageId"/> in <paramref name="scope"/> was applied, and by whom.</summary>
    public async Task<IdempotencyRecord?> FindAsync(string scope, string messageId)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(scope, messageId));
        return value.IsNull ? null : IdempotencyRecord.Parse(messageId, value.ToString());
    }

    /// <summary>
    /// Queues <paramref name="effect"/>'s writes in a transaction together with the idempotency record and commits
    /// them only if no record exists for the message. Returns false, writing nothing, when the message was already
    /// applied (a duplicate).
    /// </summary>
    /// <param name="effect">Queues the effect's writes on the transaction; it may be called more than once and must
    /// not await their results.</param>
    public async Task<bool> TryApplyOnceAsync(string scope, string messageId, string appliedBy, Action<ITransaction> effect, TimeSpan? retention = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var key = Key(scope, messageId);
        var database = redis.GetDatabase();
        return await RedisTransactionRetry.WriteOnceAsync(
            database,
            transaction =>
            {
                transaction.AddCondition(Condition.KeyNotExists(key));
                _ = transaction.StringSetAsync(key, new IdempotencyRecord(messageId, appliedBy, timeProvider.GetUtcNow()).Format(), retention ?? DefaultRetention);
                effect(transaction);
            },
            () => database.KeyExistsAsync(key),
            MaxAttempts,
            $"Applying '{messageId}' once");
    }

    public static string Key(string scope, string messageId) => $"idempotency:{scope}:{messageId}";
}
