using System.Text.Json;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

/// <summary>
/// Runs one scenario of scenarios/*.js (<c>file/name</c>) in its own Node process against a connection string, and
/// returns the JSON result it printed. A scenario that throws fails the test with the error it reported.
/// </summary>
internal static class JsScenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<JsonElement> RunAsync(string scenario, string connectionString, object? arguments = null)
    {
        var directory = await NodePackages.EnsureInstalledAsync();
        var environment = new Dictionary<string, string>
        {
            ["SB_CONNECTION_STRING"] = connectionString,
            ["SB_ARGS"] = JsonSerializer.Serialize(arguments ?? new { }),
        };
        var run = await NodeProcess.RunAsync("node", ["run.js", scenario], directory, environment, Timeout);
        var line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (run.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"node run.js {scenario} exited with {run.ExitCode}:\n{run.StandardOutput}\n{run.StandardError}");
        }

        var outcome = JsonDocument.Parse(line).RootElement;
        if (!outcome.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException($"The scenario {scenario} failed: {outcome.GetProperty("error")}\n{run.StandardError}");
        }

        return outcome.GetProperty("result").Clone();
    }

    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.ToString()).ToArray();
}
