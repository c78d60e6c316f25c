using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Administration;

/// <summary>What the administration API logs (event ids 300-399).</summary>
internal static partial class AdministrationLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "An administration connection ended.")]
    public static partial void LogAdministrationConnectionEnded(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "An administration connection failed.")]
    public static partial void LogAdministrationConnectionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "The administration request {Method} {Path} failed.")]
    public static partial void LogAdministrationRequestFailed(this ILogger logger, Exception exception, string method, string path);
}
