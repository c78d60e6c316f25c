namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>Values match the service's <c>x-opt-message-state</c> annotation.</summary>
internal enum MessageState
{
    Active = 0,
    Deferred = 1,
    Scheduled = 2,
}
