namespace CloudMessaging.ServiceBusEmulator.Broker;

internal enum SettlementKind
{
    Complete,
    Abandon,
    Defer,
    DeadLetter,
}
