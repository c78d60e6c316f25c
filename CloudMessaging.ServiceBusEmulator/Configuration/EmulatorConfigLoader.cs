using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// Loads the official Service Bus emulator's <c>Config.json</c> format. A file the emulator cannot serve throws
/// <see cref="EmulatorConfigException"/> naming the JSON path of every problem; things that are merely unusual
/// (an unknown property, a value the official emulator would refuse) are logged as warnings.
/// </summary>
public static class EmulatorConfigLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Hand-edited files often carry comments and trailing commas; neither changes the meaning.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static EmulatorTopology Load(string path, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EmulatorConfigException([new EmulatorConfigError(ConfigJsonPath.Root, $"the file cannot be read: {ex.Message}")], path);
        }

        return Parse(json, logger, path);
    }

    public static EmulatorTopology Parse(string json, ILogger? logger = null) => Parse(json, logger, source: null);

    private static EmulatorTopology Parse(string json, ILogger? logger, string? source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            throw new EmulatorConfigException([new EmulatorConfigError(ConfigJsonPath.Root, $"not valid JSON{where}: {FirstSentence(ex.Message)}")], source);
        }

        using (document)
        {
            var diagnostics = new ConfigDiagnostics(logger ?? NullLogger.Instance);
            var topology = new TopologyReader(diagnostics).Read(document.RootElement);
            diagnostics.ThrowIfErrors(source);
            return topology;
        }
    }

    // System.Text.Json appends "LineNumber: .. | BytePositionInLine: .." which the message already says better.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd();
    }
}
