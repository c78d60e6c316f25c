namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

/// <summary>Messages sent under a transaction: stored (and numbered) only at commit, so no receiver sees them before.</summary>
internal sealed class StagedSend(IMessageTarget target, IReadOnlyList<BrokerMessage> messages) : IStagedWork
{
    public void Validate()
    {
    }

    public void Commit() => target.Send(messages);

    public void Rollback()
    {
    }
}
