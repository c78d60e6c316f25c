using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// Collects the errors found while reading a Config.json (so all of them can be reported at once) and logs
/// warnings as they are found.
/// </summary>
internal sealed partial class ConfigDiagnostics(ILogger logger)
{
    private readonly List<EmulatorConfigError> errors = [];

    public bool HasErrors => errors.Count > 0;

    public void Error(string jsonPath, string problem) => errors.Add(new EmulatorConfigError(jsonPath, problem));

    public void Warn(string jsonPath, string warning) => LogWarning(logger, jsonPath, warning);

    /// <summary>A value the official emulator would refuse but this one accepts.</summary>
    public void WarnOutsideOfficialRange(string jsonPath, string warning) =>
        Warn(jsonPath, $"{warning}; the official emulator would refuse it, this emulator accepts it");

    public void ThrowIfErrors(string? source)
    {
        if (HasErrors)
        {
            throw new EmulatorConfigException(errors.ToArray(), source);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Config.json {JsonPath}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string jsonPath, string warning);
}
