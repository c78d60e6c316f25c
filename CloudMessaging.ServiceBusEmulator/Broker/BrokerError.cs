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

    /// <summary>The transaction id was never declared on this connection, or was already discharged.</summary>
    TransactionUnknown,

    /// <summary>The transaction outlived its timeout and was rolled back.</summary>
    TransactionTimedOut,

    /// <summary>The transaction could not commit and was rolled back instead.</summary>
    TransactionRolledBack,

    /// <summary>The entity's status refuses the operation (Disabled, SendDisabled, ReceiveDisabled).</summary>
    EntityDisabled,

    /// <summary>The entity's MaxSizeInMegabytes has no room for the send.</summary>
    QuotaExceeded,

    /// <summary>The data directory is full: the change was not made durable.</summary>
    StorageFull,

    /// <summary>The data directory could not be written.</summary>
    StorageFailed,
}
