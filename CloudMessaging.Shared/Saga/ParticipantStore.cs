using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Saga;

/// <summary>
/// What every participant's store has in common: one record per order (a hash with a <c>status</c> field) in the
/// participant's own key space, changed only by a transaction conditioned on the status it read. That makes each step
/// a local transaction idempotent by order id and step: a redelivered command finds the status it already produced,
/// and a compensation that arrives before its step leaves a tombstone the late step is refused by.
/// </summary>
public abstract class ParticipantStore(IConnectionMultiplexer redis)
{
    public const string StatusField = "status";

    private const int MaxConflictRetries = 200;

    protected IDatabase Database => redis.GetDatabase();

    protected abstract string RecordKey(string orderId);

    public async Task<string?> GetStatusAsync(string orderId) => await Database.HashGetAsync(RecordKey(orderId), StatusField);

    public async Task<Dictionary<string, string>?> GetRecordAsync(string orderId)
    {
        var fields = await Database.HashGetAllAsync(RecordKey(orderId));
        return fields.Length == 0 ? null : fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());
    }

    /// <summary>
    /// Reads the order's status, lets <paramref name="decide"/> pick the change, and commits it only if the status
    /// (and whatever <paramref name="decide"/> conditioned on) is unchanged; otherwise reads again.
    /// </summary>
    protected Task<T> TransactAsync<T>(string orderId, Func<string?, ITransaction, Task<T>> decide, Func<T, bool> needsCommit)
    {
        var key = RecordKey(orderId);
        return RedisTransactionRetry.RunAsync(
            Database,
            MaxConflictRetries,
            async transaction =>
            {
                string? status = await Database.HashGetAsync(key, StatusField);
                transaction.AddCondition(status is null ? Condition.HashNotExists(key, StatusField) : Condition.HashEqual(key, StatusField, status));
                var result = await decide(status, transaction);
                return needsCommit(result) ? TransactionStep<T>.Execute(result) : TransactionStep<T>.Decided(result);
            },
            async attempt =>
            {
                // Another replica changed what we read (a redelivered duplicate, or stock another order took): read again.
                await Task.Delay(Random.Shared.Next(1, 5 + attempt));
                return TransactionStep<T>.Retry;
            },
            () => throw new InvalidOperationException($"Order {orderId}: gave up after {MaxConflictRetries} conflicting transactions."));
    }

    protected static string Now(TimeProvider time) => time.GetUtcNow().ToString("O");
}
