using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>What the protocol side logs, in one place so the event ids stay unique.</summary>
internal static partial class AmqpLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "A client failed the protocol handshake.")]
    public static partial void LogHandshakeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "An incoming connection could not be opened.")]
    public static partial void LogConnectionNotOpened(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "A connection failed to open.")]
    public static partial void LogConnectionOpenFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "A message sent to {Entity} could not be stored.")]
    public static partial void LogSendFailed(this ILogger logger, Exception exception, string entity);

    [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "The lock on session {SessionId} of {Entity} expired.")]
    public static partial void LogSessionLockExpired(this ILogger logger, string? sessionId, string entity);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Settling a message of {Entity} failed.")]
    public static partial void LogSettlementFailed(this ILogger logger, Exception exception, string entity);

    [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "A request on {Link} had no reply link ({ReplyTo}); it was dropped.")]
    public static partial void LogRequestWithoutReplyLink(this ILogger logger, string link, string? replyTo);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "A request on {Link} failed.")]
    public static partial void LogRequestFailed(this ILogger logger, Exception exception, string link);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Rejected a token for {Audience}: {Error}")]
    public static partial void LogTokenRejected(this ILogger logger, string audience, string? error);

    [LoggerMessage(EventId = 123, Level = LogLevel.Error, Message = "The management operation {Operation} on {Entity} failed.")]
    public static partial void LogManagementOperationFailed(this ILogger logger, Exception exception, string? operation, string entity);

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "A transaction command failed.")]
    public static partial void LogTransactionCommandFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 131, Level = LogLevel.Debug, Message = "Transaction {TransactionId} declared on {Link}.")]
    public static partial void LogTransactionDeclared(this ILogger logger, string transactionId, string link);

    [LoggerMessage(EventId = 132, Level = LogLevel.Debug, Message = "Transaction {TransactionId} rolled back: its coordinator link {Link} closed.")]
    public static partial void LogTransactionAbandoned(this ILogger logger, string transactionId, string link);
}
