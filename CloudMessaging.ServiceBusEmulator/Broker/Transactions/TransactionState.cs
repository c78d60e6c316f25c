namespace CloudMessaging.ServiceBusEmulator.Broker.Transactions;

internal enum TransactionState
{
    Active,
    TimedOut,
    Ended,
}
