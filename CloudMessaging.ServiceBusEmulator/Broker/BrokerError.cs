namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>Broker failures that the protocol side translates into the service's error conditions.</summary>
internal enum BrokerError
{
    EntityNotFound,
    MessageLockLost,
    MessageNotFound,
    MessageSizeExceeded,
    InvalidOperation,
    SessionLockLost,
    SessionCannotBeLocked,
    ArgumentError,
    Timeout,
}
