namespace CloudMessaging.ServiceBusEmulator.Hosting;

/// <summary>What the process logs before the host runs.</summary>
internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "No --config given: the namespace starts without entities.")]
    public static partial void LogNoConfig(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The emulator cannot start: {Problem}")]
    public static partial void LogCannotStart(this ILogger logger, string problem);
}
