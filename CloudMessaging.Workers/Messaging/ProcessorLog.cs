using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;

namespace CloudMessaging.Workers.Messaging;

/// <summary>The log lines every Service Bus processor of the workers writes the same way.</summary>
internal static partial class ProcessorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} processing {Entity}")]
    public static partial void Processing(ILogger logger, ReplicaIdentity replica, string entity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} stopped processing {Entity}")]
    public static partial void StoppedProcessing(ILogger logger, ReplicaIdentity replica, string entity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica}: {Source} failed on {Entity}")]
    public static partial void ProcessorFailed(ILogger logger, Exception exception, ReplicaIdentity replica, ServiceBusErrorSource source, string entity);
}
