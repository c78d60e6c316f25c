using System.Collections.Concurrent;

namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

/// <summary>
/// The namespace's open transactions by txn-id. A transaction belongs to the connection that declared it, and is
/// rolled back when it is discharged with fail, when that connection or its coordinator link goes away, or when it
/// outlives the timeout (the service's is 2 minutes).
/// </summary>
internal sealed class TransactionRegistry(TimeProvider time, TimeSpan timeout)
{
    private readonly ConcurrentDictionary<string, BrokerTransaction> _transactions = new(StringComparer.Ordinal);

    /// <summary>Declared and not yet discharged nor abandoned (timed-out ones wait here for their discharge).</summary>
    public IReadOnlyCollection<BrokerTransaction> Open => [.. _transactions.Values];

    public BrokerTransaction Declare(object owner)
    {
        var transaction = new BrokerTransaction(Guid.NewGuid().ToByteArray(), owner, timeout);
        _transactions[KeyOf(transaction.Id)] = transaction;
        transaction.TimeoutTimer = time.CreateTimer(
            static state => ((BrokerTransaction)state!).TimeOut(), transaction, timeout, Timeout.InfiniteTimeSpan);
        return transaction;
    }

    /// <summary>The transaction <paramref name="owner"/> declared under <paramref name="id"/>.</summary>
    public BrokerTransaction Find(ReadOnlySpan<byte> id, object owner)
    {
        if (!_transactions.TryGetValue(KeyOf(id), out var transaction))
        {
            throw new BrokerException(
                BrokerError.TransactionUnknown, $"The transaction {KeyOf(id)} has not been declared, or has already been discharged.");
        }

        if (transaction.Owner != owner)
        {
            throw new BrokerException(
                BrokerError.TransactionUnknown,
                $"The transaction {KeyOf(id)} was declared on another connection; a transaction is used on the connection that declared it.");
        }

        return transaction;
    }

    /// <summary>Commits, or with <paramref name="fail"/> rolls back, and forgets the transaction either way.</summary>
    public void Discharge(ReadOnlySpan<byte> id, object owner, bool fail)
    {
        var transaction = Find(id, owner);
        _transactions.TryRemove(KeyOf(transaction.Id), out _);
        if (fail)
        {
            transaction.RollBack();
        }
        else
        {
            transaction.Commit();
        }
    }

    /// <summary>Rolls back a transaction whose coordinator or connection went away; nothing happens if it was discharged.</summary>
    public void Abandon(BrokerTransaction transaction)
    {
        if (_transactions.TryRemove(new KeyValuePair<string, BrokerTransaction>(KeyOf(transaction.Id), transaction)))
        {
            transaction.RollBack();
        }
    }

    private static string KeyOf(ReadOnlySpan<byte> id) => Convert.ToHexString(id);
}
