using System.Globalization;

namespace CloudMessaging.ServiceBusEmulator.Hosting;

/// <summary>
/// Settings of the standalone process, from the command line (<c>--port 5672</c>) or, for hosts such as Aspire,
/// environment variables prefixed <c>SBEMULATOR_</c> (<c>SBEMULATOR_PORT</c>, <c>SBEMULATOR_HTTP_PORT</c>), which win.
/// </summary>
internal sealed record EmulatorHostSettings
{
    public const string EnvironmentPrefix = "SBEMULATOR_";

    public const int DefaultHttpPort = 5300;

    public string? ConfigPath { get; init; }

    public int HttpPort { get; init; } = DefaultHttpPort;

    /// <summary>What the AMQP listener starts with; its defaults are the library's. The host adds the topology read from <see cref="ConfigPath"/>.</summary>
    public ServiceBusEmulatorOptions Emulator { get; init; } = new();

    public static EmulatorHostSettings From(IConfiguration configuration)
    {
        var defaults = new ServiceBusEmulatorOptions();
        return new EmulatorHostSettings
        {
            ConfigPath = ResolvePath(Value(configuration, "config")),
            HttpPort = Number(configuration, "http-port", DefaultHttpPort),
            Emulator = new ServiceBusEmulatorOptions
            {
                Host = Value(configuration, "host") ?? defaults.Host,
                Port = Number(configuration, "port", defaults.Port),
                WebSocketPort = Value(configuration, "websocket-port") is null ? null : Number(configuration, "websocket-port", 0),
                SharedAccessKeyName = Value(configuration, "key-name") ?? defaults.SharedAccessKeyName,
                SharedAccessKey = Value(configuration, "key") ?? defaults.SharedAccessKey,
                MaxMessageSizeBytes = Number(configuration, "max-message-size", defaults.MaxMessageSizeBytes),
                TransactionTimeout = TimeSpan.FromSeconds(Number(configuration, "transaction-timeout", (long)defaults.TransactionTimeout.TotalSeconds)),
                DataDirectory = ResolveDirectory(Value(configuration, "data-dir")),
            },
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

    // A relative directory typed in a shell means the shell's directory, as for the config file.
    private static string? ResolveDirectory(string? path)
    {
        if (path is null || Path.IsPathRooted(path))
        {
            return path;
        }

        var shellDirectory = Environment.GetEnvironmentVariable("PWD");
        return Path.GetFullPath(shellDirectory is not null ? Path.Combine(shellDirectory, path) : path);
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
