namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>The service's entity status: what a queue, topic or subscription currently accepts.</summary>
internal enum EntityStatus
{
    Active,
    Disabled,
    SendDisabled,
    ReceiveDisabled,
}
