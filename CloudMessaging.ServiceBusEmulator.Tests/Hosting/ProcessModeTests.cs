using System.Diagnostics;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Hosting;

/// <summary>The emulator as its own process: Config.json, /health over real HTTP, the SDK over TCP, SIGTERM.</summary>
public sealed class ProcessModeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sbemulator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Process_serves_health_and_the_configured_queue_then_stops_cleanly_on_SIGTERM()
    {
        var config = WriteConfig("""{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns", "Queues": [ { "Name": "orders" } ] } ], "Logging": { "Type": "Console" } } }""");
        var httpPort = EmulatorProcess.FreePort();
        using var emulator = EmulatorProcess.Start($"--config {config} --port 0 --http-port {httpPort}", out var output);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var health = await EmulatorProcess.WaitForHealthAsync(http, httpPort);
            Assert.Equal("""{"status":"healthy"}""", health);

            var connectionString = EmulatorProcess.ConnectionStringPattern().Match(output.ToString()).Groups[1].Value;
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
        using var emulator = EmulatorProcess.Start($"--config {config} --port 0 --http-port {EmulatorProcess.FreePort()}", out var output);

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
        using var emulator = EmulatorProcess.Start($"--config {config} --port 0 --http-port {EmulatorProcess.FreePort()}", out var output);

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
}
