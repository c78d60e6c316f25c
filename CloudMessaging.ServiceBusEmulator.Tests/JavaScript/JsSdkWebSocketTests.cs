namespace CloudMessaging.ServiceBusEmulator.Tests.JavaScript;

/// <summary>
/// @azure/service-bus over plain WebSockets. The SDK always asks for wss://, so the scenario passes a WebSocket
/// constructor (from the ws package) that connects to the same address over ws://; the emulator needs nothing more.
/// </summary>
[Trait("Category", "JavaScript")]
public sealed class JsSdkWebSocketTests : IAsyncLifetime
{
    private ServiceBusEmulator? _emulator;

    public async Task InitializeAsync() =>
        _emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            WebSocketPort = 0,
            Topology = new() { Queues = [new() { Name = "orders" }] },
        });

    public async Task DisposeAsync() => await _emulator!.DisposeAsync();

    [Fact]
    public async Task The_sdk_sends_receives_and_completes_over_websockets()
    {
        var result = await JsScenario.RunAsync("websockets/sendReceive", _emulator!.WebSocketConnectionString!, new { queue = "orders" });

        Assert.Equal("over websockets", result.GetProperty("body").GetString());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
    }
}
