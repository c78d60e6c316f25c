using CloudMessaging.ServiceBusEmulator.Broker.Transactions;
using Microsoft.Azure.Amqp;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Transactions;

/// <summary>Finds the transaction a transfer, disposition or management request names in its transactional state.</summary>
internal sealed class TransactionLookup(TransactionRegistry registry)
{
    /// <summary>
    /// Null when <paramref name="txnId"/> is absent (the operation is not transactional); otherwise the connection's
    /// transaction, bound to <paramref name="entityPath"/>'s entity. Throws a BrokerException for an unknown id.
    /// </summary>
    public BrokerTransaction? Find(ArraySegment<byte> txnId, AmqpLink link, string entityPath)
    {
        if (txnId.Array is null)
        {
            return null;
        }

        var connection = ConnectionContext.Of(link);
        var transaction = registry.Find(txnId.AsSpan(), connection);
        transaction.Enter(entityPath, connection.HasCoordinator(link.Session));
        return transaction;
    }
}
