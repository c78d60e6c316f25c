using System.Globalization;

namespace CloudMessaging.ServiceBusEmulator.Hosting;

/// <summary>
/// Settings of the standalone process, from the command line (<c>--port 5672</c>) or, for hosts such as Aspire,
/// environment variables prefixed <c>SBEMULATOR_</c> (<c>SBEMULATOR_PORT</c>, <c>SBEMULATOR_HTTP_PORT</c>), which win.
/// </summary>
internal sealed record EmulatorHostSettings
{
    public const string EnvironmentPrefix = "SBEMULATOR_";

    public string? ConfigPath { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5672;

    public int HttpPort { get; init; } = 5300;

    /// <summary>AMQP over WebSockets is served on this port when set (<c>--websocket-port</c>); off by default.</summary>
    public int? WebSocketPort { get; init; }

    public string KeyName { get; init; } = "RootManageSharedAccessKey";

    public string Key { get; init; } = "SAS_KEY_VALUE";

    public long MaxMessageSizeBytes { get; init; } = 256 * 1024;

    /// <summary>Seconds a transaction may stay open before it is rolled back (the service's 2 minutes by default).</summary>
    public int TransactionTimeoutSeconds { get; init; } = 120;

    public static EmulatorHostSettings From(IConfiguration configuration)
    {
        var defaults = new EmulatorHostSettings();
        return new EmulatorHostSettings
        {
            ConfigPath = ResolvePath(Value(configuration, "config")),
            Host = Value(configuration, "host") ?? defaults.Host,
            Port = Number(configuration, "port", defaults.Port),
            HttpPort = Number(configuration, "http-port", defaults.HttpPort),
            WebSocketPort = Value(configuration, "websocket-port") is null ? null : Number(configuration, "websocket-port", 0),
            KeyName = Value(configuration, "key-name") ?? defaults.KeyName,
            Key = Value(configuration, "key") ?? defaults.Key,
            MaxMessageSizeBytes = Number(configuration, "max-message-size", defaults.MaxMessageSizeBytes),
            TransactionTimeoutSeconds = Number(configuration, "transaction-timeout", defaults.TransactionTimeoutSeconds),
        };
    }

    // `dotnet run` starts a web project in the project directory; a relative path typed in a shell means the
    // shell's directory, which the shell still reports in PWD.
    private static string? ResolvePath(string? path)
    {
        if (path is null || Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        var shellDirectory = Environment.GetEnvironmentVariable("PWD");
        return shellDirectory is not null && File.Exists(Path.Combine(shellDirectory, path)) ? Path.Combine(shellDirectory, path) : path;
    }

    // "http-port" on the command line, HTTP_PORT in the environment.
    private static string? Value(IConfiguration configuration, string name) =>
        configuration[name] is { Length: > 0 } value ? value
        : configuration[name.Replace('-', '_')] is { Length: > 0 } underscored ? underscored
        : null;

    private static int Number(IConfiguration configuration, string name, int fallback) => (int)Number(configuration, name, (long)fallback);

    private static long Number(IConfiguration configuration, string name, long fallback)
    {
        var text = Value(configuration, name);
        if (text is null)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"--{name} must be a non-negative integer, not '{text}'.");
    }
}
