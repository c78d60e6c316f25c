using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>
/// The unmodified .NET SDK over AmqpWebSockets: with UseDevelopmentEmulator it connects to plain
/// ws://localhost:&lt;port&gt;/$servicebus/websocket/, which the emulator serves when given a WebSocket port.
/// </summary>
public sealed class WebSocketTests : IAsyncLifetime
{
    private ServiceBusEmulator? _emulator;

    private ServiceBusEmulator Emulator => _emulator!;

    public async Task InitializeAsync() =>
        _emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            WebSocketPort = 0,
            Topology = new() { Queues = [new() { Name = "orders" }] },
        });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    [Fact]
    public async Task The_sdk_sends_receives_and_completes_over_websockets()
    {
        var options = EmulatorFixture.DefaultClientOptions();
        options.TransportType = ServiceBusTransportType.AmqpWebSockets;
        await using var client = new ServiceBusClient(Emulator.WebSocketConnectionString, options);
        await using var sender = client.CreateSender("orders");
        await using var receiver = client.CreateReceiver("orders");

        await sender.SendMessageAsync(new ServiceBusMessage("over websockets"));
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.CompleteMessageAsync(message);

        Assert.Equal("over websockets", message.Body.ToString());
        Assert.Null(await receiver.PeekMessageAsync());
    }
}
