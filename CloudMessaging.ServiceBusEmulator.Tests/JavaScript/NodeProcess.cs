using System.Diagnostics;

namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

internal sealed record NodeProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs node or npm to completion, capturing both streams; a run past its timeout is killed and fails.</summary>
internal static class NodeProcess
{
    public static async Task<NodeProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{await error}");
        }

        return new NodeProcessResult(process.ExitCode, await output, await error);
    }
}
