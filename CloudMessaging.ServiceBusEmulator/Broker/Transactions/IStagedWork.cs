namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

/// <summary>One operation done under a transaction, applied only when the transaction commits.</summary>
internal interface IStagedWork
{
    /// <summary>Throws a <see cref="BrokerException"/> when the work can no longer be applied; runs before anything is applied.</summary>
    void Validate();

    void Commit();

    void Rollback();
}
