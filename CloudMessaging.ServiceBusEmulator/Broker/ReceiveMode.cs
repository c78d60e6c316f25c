namespace CloudMessaging.ServiceBusEmulator.Broker;

internal enum ReceiveMode
{
    PeekLock,
    ReceiveAndDelete,
}
