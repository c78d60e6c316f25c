using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Hosting;

/// <summary>The emulator as its own process: Config.json, /health over real HTTP, the SDK over TCP, SIGTERM.</summary>
public sealed partial class ProcessModeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sbemulator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Process_serves_health_and_the_configured_queue_then_stops_cleanly_on_SIGTERM()
    {
        var config = WriteConfig("""{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", "Queues": [ { "Name": "orders" } ] } ], "Logging": { "Type": "Console" } } }""");
        var httpPort = FreePort();
        using var emulator = Start($"--config {config} --port 0 --http-port {httpPort}", out var output);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var health = await WaitForHealthAsync(http, httpPort);
            Assert.Equal("""{"status":"healthy"}""", health);

            var connectionString = ConnectionStringPattern().Match(output.ToString()).Groups[1].Value;
            Assert.StartsWith("Endpoint=sb://localhost:", connectionString);
            await using var client = new ServiceBusClient(connectionString);
            await using var sender = client.CreateSender("orders");
            await using var receiver = client.CreateReceiver("orders");
            await sender.SendMessageAsync(new ServiceBusMessage("through-the-process"));
            Assert.Equal("through-the-process", (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10))).Body.ToString());

            using (var terminate = Process.Start("kill", $"-TERM {emulator.Id}"))
            {
                await terminate.WaitForExitAsync();
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await emulator.WaitForExitAsync(exited.Token);
            Assert.Equal(0, emulator.ExitCode);
        }
        finally
        {
            if (!emulator.HasExited)
            {
                emulator.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Invalid_config_stops_start_up_naming_the_json_path()
    {
        var config = WriteConfig("""{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", "Queues": [ { "Name": "q", "Properties": { "LockDuration": "soon" } } ] } ], "Logging": { "Type": "Console" } } }""");
        using var emulator = Start($"--config {config} --port 0 --http-port {FreePort()}", out var output);

        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await emulator.WaitForExitAsync(exited.Token);

        Assert.Equal(1, emulator.ExitCode);
        Assert.Contains("$.UserConfig.Namespaces[0].Queues[0].Properties.LockDuration", output.ToString());
    }

    [Fact]
    public async Task A_rule_that_does_not_parse_stops_start_up_naming_the_rule_and_the_position()
    {
        var config = WriteConfig("""
            { "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", "Topics": [ { "Name": "t", "Properties": {}, "Subscriptions": [ { "Name": "s", "Properties": {},
              "Rules": [ { "Name": "broken", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "a = 1 AND AND b = 2" } } } ] } ] } ] } ],
              "Logging": { "Type": "Console" } } }
            """);
        using var emulator = Start($"--config {config} --port 0 --http-port {FreePort()}", out var output);

        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await emulator.WaitForExitAsync(exited.Token);

        Assert.Equal(1, emulator.ExitCode);
        var text = output.ToString();
        Assert.Contains("$.UserConfig.Namespaces[0].Topics[0].Subscriptions[0].Rules[0]", text);
        Assert.Contains("Rule 'broken' has an invalid SQL filter", text);
        Assert.Contains("position 10", text);
    }

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_directory, "Config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Process Start(string arguments, out StringBuilder output)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CloudMessaging.ServiceBusEmulator.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        var captured = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (captured) { captured.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (captured) { captured.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = captured;
        return process;
    }

    private static async Task<string> WaitForHealthAsync(HttpClient http, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var response = await http.GetAsync($"http://127.0.0.1:{port}/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "The emulator process never became healthy.");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Connection string: (Endpoint=\S+)")]
    private static partial Regex ConnectionStringPattern();
}
