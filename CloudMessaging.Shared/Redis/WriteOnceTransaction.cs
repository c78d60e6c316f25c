using StackExchange.Redis;

namespace CloudMessaging.Shared.Redis;

/// <summary>
/// A transaction guarded by a "not written yet" condition, told apart from its spurious aborts. Redis answers a failed
/// condition and an aborted EXEC alike, and Garnet also aborts EXEC when any key sharing a watched key's hash bucket is
/// written. Reading an abort as "already written" would drop work, so only a fresh look at the guarded record decides;
/// otherwise the transaction is built and tried again.
/// </summary>
public static class WriteOnceTransaction
{
    /// <summary>True when this call committed; false when <paramref name="alreadyWritten"/> confirms an earlier write.</summary>
    /// <param name="build">Adds the condition and queues the writes; called once per attempt, it must not await.</param>
    /// <param name="alreadyWritten">Looks at the guarded record after an abort.</param>
    public static async Task<bool> TryCommitAsync(
        IDatabase database, Action<ITransaction> build, Func<Task<bool>> alreadyWritten, int maxAttempts, string what)
    {
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var transaction = database.CreateTransaction();
            build(transaction);
            if (await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                return true;
            }

            if (await alreadyWritten().ConfigureAwait(false))
            {
                return false;
            }
        }

        throw new InvalidOperationException($"{what}: the transaction was aborted {maxAttempts} times without the record being written.");
    }
}
