using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class AuthenticationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Wrong_key_is_refused_with_UnauthorizedAccessException()
    {
        var queue = fixture.CreateQueue("auth");
        var connectionString = fixture.ConnectionString.Replace("SharedAccessKey=SAS_KEY_VALUE", "SharedAccessKey=not-the-key");
        await using var client = new ServiceBusClient(connectionString, EmulatorFixture.DefaultClientOptions());
        await using var sender = client.CreateSender(queue);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(queue)!.MessageCount);
    }

    [Fact]
    public async Task Unknown_key_name_is_refused()
    {
        var queue = fixture.CreateQueue("authname");
        var connectionString = fixture.ConnectionString.Replace("RootManageSharedAccessKey", "SomeOtherKey");
        await using var client = new ServiceBusClient(connectionString, EmulatorFixture.DefaultClientOptions());
        await using var receiver = client.CreateReceiver(queue);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        // The emulator's clock runs two hours ahead, so the SDK's 30-minute tokens arrive already expired.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        await using var emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            TimeProvider = clock,
            Topology = new() { Queues = [new() { Name = "q" }] },
        });
        await using var client = new ServiceBusClient(emulator.ConnectionString, EmulatorFixture.DefaultClientOptions());
        await using var sender = client.CreateSender("q");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
    }

    [Fact]
    public async Task Custom_key_is_honoured()
    {
        await using var emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            SharedAccessKeyName = "app",
            SharedAccessKey = "c2VjcmV0LWtleS1mb3ItdGVzdHM=",
            Topology = new() { Queues = [new() { Name = "q" }] },
        });
        Assert.Contains("SharedAccessKeyName=app;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=", emulator.ConnectionString);
        await using var client = new ServiceBusClient(emulator.ConnectionString, EmulatorFixture.DefaultClientOptions());
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");

        await sender.SendMessageAsync(new ServiceBusMessage("x"));

        Assert.NotNull(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)));
    }
}
