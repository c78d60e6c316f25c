namespace CloudMessaging.ServiceBusEmulator.Broker;

internal sealed class BrokerException(BrokerError error, string message) : Exception(message)
{
    public BrokerError Error { get; } = error;
}
