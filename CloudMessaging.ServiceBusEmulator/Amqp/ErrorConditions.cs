using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>The error conditions (and management status codes) that make the SDK raise the matching failure reason.</summary>
internal static class ErrorConditions
{
    public static readonly AmqpSymbol NotFound = new("amqp:not-found");
    public static readonly AmqpSymbol UnauthorizedAccess = new("amqp:unauthorized-access");
    public static readonly AmqpSymbol NotAllowed = new("amqp:not-allowed");
    public static readonly AmqpSymbol NotImplemented = new("amqp:not-implemented");
    public static readonly AmqpSymbol InternalError = new("amqp:internal-error");
    public static readonly AmqpSymbol MessageSizeExceeded = new("amqp:link:message-size-exceeded");
    public static readonly AmqpSymbol MessageLockLost = new("com.microsoft:message-lock-lost");
    public static readonly AmqpSymbol MessageNotFound = new("com.microsoft:message-not-found");
    public static readonly AmqpSymbol SessionLockLost = new("com.microsoft:session-lock-lost");
    public static readonly AmqpSymbol SessionCannotBeLocked = new("com.microsoft:session-cannot-be-locked");
    public static readonly AmqpSymbol ArgumentError = new("com.microsoft:argument-error");
    public static readonly AmqpSymbol Timeout = new("com.microsoft:timeout");
    public static readonly AmqpSymbol EntityAlreadyExists = new("com.microsoft:entity-already-exists");

    // The SDK raises MessagingEntityDisabled for the first and QuotaExceeded for the second (AmqpExceptionHelper).
    public static readonly AmqpSymbol EntityDisabled = new("com.microsoft:entity-disabled");
    public static readonly AmqpSymbol ResourceLimitExceeded = new("amqp:resource-limit-exceeded");

    // The AMQP transaction conditions. The SDK maps none of them to a reason of its own: they surface as a
    // ServiceBusException (GeneralError) carrying our description, or for a discharge as TransactionInDoubtException.
    public static readonly AmqpSymbol TransactionUnknownId = new("amqp:transaction:unknown-id");
    public static readonly AmqpSymbol TransactionTimeout = new("amqp:transaction:timeout");
    public static readonly AmqpSymbol TransactionRollback = new("amqp:transaction:rollback");

    /// <summary>
    /// A rule that does not parse. The SDK maps no condition of its own to "bad rule"; this standard AMQP one falls
    /// through to a ServiceBusException (GeneralError) whose message is our description, naming rule and position.
    /// </summary>
    public static readonly AmqpSymbol InvalidField = new("amqp:invalid-field");

    public static (int StatusCode, AmqpSymbol Condition) Of(BrokerError error) => error switch
    {
        BrokerError.EntityNotFound => (404, NotFound),
        BrokerError.MessageLockLost => (410, MessageLockLost),
        BrokerError.MessageNotFound => (404, MessageNotFound),
        BrokerError.MessageSizeExceeded => (413, MessageSizeExceeded),
        BrokerError.SessionLockLost => (410, SessionLockLost),
        BrokerError.SessionCannotBeLocked => (410, SessionCannotBeLocked),
        BrokerError.ArgumentError => (400, ArgumentError),
        BrokerError.Timeout => (408, Timeout),
        BrokerError.TransactionUnknown => (400, TransactionUnknownId),
        BrokerError.TransactionTimedOut => (408, TransactionTimeout),
        BrokerError.TransactionRolledBack => (409, TransactionRollback),
        BrokerError.EntityDisabled => (400, EntityDisabled),
        BrokerError.QuotaExceeded => (403, ResourceLimitExceeded),
        BrokerError.StorageFull => (507, ResourceLimitExceeded),
        BrokerError.StorageFailed => (500, InternalError),
        _ => (400, NotAllowed),
    };

    public static Error ToError(BrokerException exception) => new()
    {
        Condition = Of(exception.Error).Condition,
        Description = exception.Message,
    };

    public static AmqpException ToAmqpException(BrokerException exception) => new(ToError(exception));
}
