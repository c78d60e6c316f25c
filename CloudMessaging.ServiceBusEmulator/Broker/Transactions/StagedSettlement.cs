namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

/// <summary>A settlement of a message the transaction holds locked.</summary>
internal sealed class StagedSettlement(MessageEntity entity, Guid lockToken, Settlement settlement, BrokerTransaction transaction) : IStagedWork
{
    public void Validate()
    {
        if (!entity.IsHeldBy(lockToken, transaction))
        {
            throw new BrokerException(BrokerError.MessageLockLost, $"A message of '{entity.Name}' settled in the transaction is no longer locked.");
        }
    }

    public void Commit() => entity.Settle(lockToken, settlement, transaction: transaction);

    public void Rollback() => entity.ReleaseHold(lockToken, transaction);
}
