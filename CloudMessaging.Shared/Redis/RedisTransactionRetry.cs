using StackExchange.Redis;

namespace CloudMessaging.Shared.Redis;

/// <summary>
/// The one loop that retries an aborted WATCH/MULTI/EXEC transaction. Redis answers a failed condition and an aborted
/// EXEC alike, and Garnet also aborts EXEC when any key sharing a watched key's hash bucket is written; so an abort
/// never decides anything by itself: only a fresh look at the record does, otherwise the transaction is built again.
/// </summary>
public static class RedisTransactionRetry
{
    /// <summary>Runs attempts until one decides, at most <paramref name="maxAttempts"/> times.</summary>
    /// <param name="attempt">Reads what it needs, queues the conditions and writes on the fresh transaction, and says whether to execute it.</param>
    /// <param name="whenAborted">Given the attempt number (0-based), looks at the record after an abort: decided, or retry.</param>
    /// <param name="whenExhausted">The answer (or the exception) when every attempt was aborted.</param>
    public static async Task<T> RunAsync<T>(
        IDatabase database,
        int maxAttempts,
        Func<ITransaction, Task<TransactionStep<T>>> attempt,
        Func<int, Task<TransactionStep<T>>> whenAborted,
        Func<T> whenExhausted)
    {
        for (var number = 0; number < maxAttempts; number++)
        {
            var transaction = database.CreateTransaction();
            var step = await attempt(transaction).ConfigureAwait(false);
            if (step.IsDecided)
            {
                return step.Value;
            }

            if (await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                return step.WhenCommitted is { } committed ? await committed().ConfigureAwait(false) : step.Value;
            }

            var afterAbort = await whenAborted(number).ConfigureAwait(false);
            if (afterAbort.IsDecided)
            {
                return afterAbort.Value;
            }
        }

        return whenExhausted();
    }

    /// <summary>
    /// A transaction guarded by a "not written yet" condition: true when this call committed, false when
    /// <paramref name="alreadyWritten"/> confirms an earlier write.
    /// </summary>
    /// <param name="build">Adds the condition and queues the writes; called once per attempt, it must not await.</param>
    public static Task<bool> WriteOnceAsync(
        IDatabase database, Action<ITransaction> build, Func<Task<bool>> alreadyWritten, int maxAttempts, string what) =>
        RunAsync(
            database,
            maxAttempts,
            transaction =>
            {
                build(transaction);
                return Task.FromResult(TransactionStep<bool>.Execute(true));
            },
            async _ => await alreadyWritten().ConfigureAwait(false) ? TransactionStep<bool>.Decided(false) : TransactionStep<bool>.Retry,
            () => throw new InvalidOperationException($"{what}: the transaction was aborted {maxAttempts} times without the record being written."));
}
