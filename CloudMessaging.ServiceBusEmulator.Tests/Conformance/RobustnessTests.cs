using System.Net.Sockets;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class RobustnessTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_hundred_concurrent_connections_each_send_and_receive()
    {
        const int Connections = 200;
        var queue = fixture.CreateQueue("many");
        var clients = Enumerable.Range(0, Connections).Select(_ => fixture.CreateClient()).ToList();
        try
        {
            var senders = clients.Select(c => c.CreateSender(queue)).ToList();
            await Task.WhenAll(senders.Select((s, i) => s.SendMessageAsync(new ServiceBusMessage($"c{i}"))));
            Assert.True(fixture.Emulator.ConnectionCount >= Connections);

            var received = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Task.WhenAll(clients.Select(async client =>
            {
                await using var receiver = client.CreateReceiver(queue);
                var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(30));
                if (message is not null)
                {
                    received.Add(message.Body.ToString());
                    await receiver.CompleteMessageAsync(message);
                }
            }));

            Assert.Equal(Connections, received.Distinct().Count());
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Message_locked_by_a_killed_client_is_redelivered_after_lock_expiry()
    {
        var queue = fixture.CreateQueue("killed", q => q with { LockDuration = TimeSpan.FromSeconds(2) });
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("in-flight"));
        await using var proxy = new TcpProxy(fixture.Emulator.Port);
        var doomed = new ServiceBusClient(
            fixture.ConnectionString.Replace($":{fixture.Emulator.Port};", $":{proxy.Port};"),
            new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(2) } });
        var doomedReceiver = doomed.CreateReceiver(queue);
        var locked = await doomedReceiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(locked);

        proxy.KillConnections();
        await using var survivor = fixture.Client.CreateReceiver(queue);
        var redelivered = await survivor.ReceiveMessageAsync(Wait);

        Assert.NotNull(redelivered);
        Assert.Equal(locked.SequenceNumber, redelivered.SequenceNumber);
        Assert.Equal(2, redelivered.DeliveryCount);
        await survivor.CompleteMessageAsync(redelivered);
        _ = doomed.DisposeAsync().AsTask(); // its connection is gone; do not wait for a clean close
    }

    [Fact]
    public async Task Malformed_frame_closes_only_that_connection()
    {
        var queue = fixture.CreateQueue("malformed");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("before"));

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", fixture.Emulator.Port);
        await socket.SendAsync("AMQP\u0003\u0001\u0000\u0000"u8.ToArray(), SocketFlags.None);
        await socket.SendAsync(Enumerable.Repeat((byte)0xFF, 256).ToArray(), SocketFlags.None);
        var buffer = new byte[1024];
        var closed = false;
        var deadline = DateTime.UtcNow + Wait;
        while (!closed && DateTime.UtcNow < deadline)
        {
            try
            {
                using var timeout = new CancellationTokenSource(Wait);
                closed = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0;
            }
            catch (SocketException)
            {
                closed = true;
            }
        }

        Assert.True(closed, "The server kept a connection that sent garbage.");
        await sender.SendMessageAsync(new ServiceBusMessage("after"));
        await using var receiver = fixture.Client.CreateReceiver(queue);
        Assert.Equal(["before", "after"], await SendReceiveTests.ReceiveBodies(receiver, 2));
    }

    [Fact]
    public async Task Client_vanishing_mid_transfer_leaves_the_server_serving_others()
    {
        var queue = fixture.CreateQueue("midtransfer");
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", fixture.Emulator.Port);
            await socket.SendAsync("AMQP\u0003\u0001\u0000\u0000"u8.ToArray(), SocketFlags.None);
            // A frame header announcing 4 KB, followed by a fraction of it, then a reset.
            await socket.SendAsync(new byte[] { 0x00, 0x00, 0x10, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00, 0x53 }, SocketFlags.None);
            socket.LingerState = new LingerOption(true, 0);
        }

        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("still-works"));
        Assert.Equal("still-works", (await receiver.ReceiveMessageAsync(Wait)).Body.ToString());
    }

    [Fact]
    public async Task Unknown_management_operation_gets_an_error_response_and_the_link_goes_on()
    {
        var queue = fixture.CreateQueue("unknownop");
        await using var client = await RawAmqpClient.ConnectAsync(fixture.Emulator.Port);
        Assert.Equal(200, await client.PutTokenAsync($"{queue}/$management"));
        var management = await client.OpenRequestResponseLinkAsync($"{queue}/$management");

        var unknown = AmqpMessage.Create(new AmqpValue { Value = new AmqpMap() });
        unknown.ApplicationProperties.Map["operation"] = "com.microsoft:no-such-operation";
        var response = await management.RequestAsync(unknown, Wait);
        Assert.Equal(501, response.ApplicationProperties.Map["statusCode"]);
        Assert.Equal(new AmqpSymbol("amqp:not-implemented"), response.ApplicationProperties.Map["errorCondition"]);

        var malformed = AmqpMessage.Create(new AmqpValue { Value = new AmqpMap() });
        malformed.ApplicationProperties.Map["operation"] = "com.microsoft:renew-lock";
        response = await management.RequestAsync(malformed, Wait);
        Assert.Equal(400, response.ApplicationProperties.Map["statusCode"]);

        var peek = AmqpMessage.Create(new AmqpValue { Value = new AmqpMap { { new MapKey("from-sequence-number"), 1L }, { new MapKey("message-count"), 1 } } });
        peek.ApplicationProperties.Map["operation"] = "com.microsoft:peek-message";
        response = await management.RequestAsync(peek, Wait);
        Assert.Equal(204, response.ApplicationProperties.Map["statusCode"]);
    }

    [Fact]
    public async Task Links_without_a_token_are_refused()
    {
        var queue = fixture.CreateQueue("notoken");
        await using var client = await RawAmqpClient.ConnectAsync(fixture.Emulator.Port);
        var session = await client.OpenSessionAsync();
        var link = new SendingAmqpLink(session, new AmqpLinkSettings
        {
            LinkName = "no-token",
            Role = false,
            Source = new Source { Address = "client" },
            Target = new Target { Address = "/" + queue },
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => link.OpenAsync(Wait));

        var amqpError = Assert.IsType<AmqpException>(error is AmqpException ? error : error.InnerException);
        Assert.Equal(new AmqpSymbol("amqp:unauthorized-access"), amqpError.Error.Condition);
        Assert.Equal(401, await client.PutTokenAsync(queue, key: "wrong-key"));
    }
}
