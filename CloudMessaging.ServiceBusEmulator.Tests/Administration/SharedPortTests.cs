using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

/// <summary>The AMQP port also answers HTTP: each connection's first byte picks the protocol.</summary>
public sealed class SharedPortTests(AdministrationFixture fixture) : IClassFixture<AdministrationFixture>
{
    [Fact]
    public async Task A_request_without_a_token_is_answered_401_on_the_AMQP_port()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"http://localhost:{fixture.Emulator.Port}/$namespaceinfo?api-version=2021-05"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Requests_share_one_keep_alive_connection_and_garbage_is_refused_with_400()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Emulator.Port);
        var stream = tcp.GetStream();
        var twoRequests = "GET /$namespaceinfo HTTP/1.1\r\nHost: localhost\r\n\r\nGET /q HTTP/1.1\r\nHost: localhost\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(twoRequests));

        var answers = await ReadUntilAsync(stream, text => CountOf(text, "HTTP/1.1 401") == 2);
        Assert.Equal(2, CountOf(answers, "Connection: keep-alive"));

        using var garbage = new TcpClient();
        await garbage.ConnectAsync(IPAddress.Loopback, fixture.Emulator.Port);
        await garbage.GetStream().WriteAsync("not a request\r\n\r\n"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 400", await ReadUntilAsync(garbage.GetStream(), text => text.Contains("\r\n\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AMQP_clients_keep_working_beside_HTTP_connections()
    {
        var queue = AdministrationFixture.UniqueName("shared");
        await fixture.Admin.CreateQueueAsync(queue);
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        await sender.SendMessagesAsync(Enumerable.Range(0, 50).Select(i => new ServiceBusMessage($"m{i}")));
        var received = 0;
        while (received < 50)
        {
            var batch = await receiver.ReceiveMessagesAsync(50, TimeSpan.FromSeconds(10));
            Assert.NotEmpty(batch);
            received += batch.Count;
        }

        Assert.Equal(50, (await fixture.Admin.GetQueueRuntimePropertiesAsync(queue)).Value.ActiveMessageCount);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static async Task<string> ReadUntilAsync(NetworkStream stream, Func<string, bool> complete)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!complete(text.ToString()))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
