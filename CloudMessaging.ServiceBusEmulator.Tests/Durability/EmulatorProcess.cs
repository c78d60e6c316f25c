using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudMessaging.ServiceBusEmulator.Tests.Durability;

/// <summary>The emulator as its own process, as a developer runs it: started on a data directory, killed with SIGKILL.</summary>
internal sealed partial class EmulatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EmulatorProcess(string arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CloudMessaging.ServiceBusEmulator.dll");
        _process = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static EmulatorProcess Start(string config, string dataDirectory) =>
        new($"--config \"{config}\" --data-dir \"{dataDirectory}\" --port 0 --http-port 0");

    /// <summary>Waits for the listener's log line and returns the connection string it names.</summary>
    public async Task<string> ConnectionStringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (ConnectionStringPattern().Match(Output) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            Assert.False(_process.HasExited, "The emulator exited: " + Output);
            Assert.True(DateTime.UtcNow < deadline, "The emulator never listened: " + Output);
            await Task.Delay(50);
        }
    }

    public async Task<int> ExitCodeAsync()
    {
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(exited.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Connection string: (Endpoint=\S+)")]
    private static partial Regex ConnectionStringPattern();
}
