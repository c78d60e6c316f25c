using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>The official sample's shape of Config.json, loaded as the process would, delivers through its topic's rules.</summary>
public sealed class TopicsOfficialConfigTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private ServiceBusEmulator? _emulator;
    private ServiceBusClient? _client;

    private ServiceBusClient Client => _client!;

    public async Task InitializeAsync()
    {
        var topology = EmulatorConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "Configuration", "TestData", "official-shape.json"));
        _emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions { Port = 0, Topology = topology });
        _client = new ServiceBusClient(_emulator.ConnectionString, EmulatorFixture.DefaultClientOptions());
    }

    public async Task DisposeAsync()
    {
        await (_client?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_emulator?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    [Fact]
    public async Task Messages_sent_to_the_configured_topic_reach_the_subscriptions_whose_rules_match()
    {
        await using var sender = Client.CreateSender("topic.1");
        await sender.SendMessageAsync(new ServiceBusMessage("{}") { MessageId = "json", ContentType = "application/json" });
        await sender.SendMessageAsync(new ServiceBusMessage("eu order")
        {
            MessageId = "eu",
            Subject = "order-placed",
            ApplicationProperties = { ["region"] = "eu", ["priority"] = 2, ["weight"] = 0.75, ["express"] = true, ["total"] = 250 },
        });
        await sender.SendMessageAsync(new ServiceBusMessage("again") { MessageId = "json", ContentType = "application/json" });

        await using var jsonOnly = Client.CreateReceiver("topic.1", "subscription.1");
        var json = await jsonOnly.ReceiveMessageAsync(Wait);
        Assert.Equal("json", json.MessageId);
        Assert.InRange(json.LockedUntil - json.EnqueuedTime, TimeSpan.FromSeconds(115), TimeSpan.FromSeconds(125));
        await jsonOnly.CompleteMessageAsync(json);
        Assert.Null(await jsonOnly.PeekMessageAsync());
        Assert.Equal(["eu"], await MessageIdsAsync("subscription.2", 1));
        Assert.Equal(["json", "eu"], await MessageIdsAsync("subscription.3", 2));

        await using var large = Client.CreateReceiver("topic.1", "subscription.4");
        var gold = await large.ReceiveMessageAsync(Wait);
        Assert.Equal("eu", gold.MessageId);
        Assert.Equal("gold", gold.ApplicationProperties["tier"]);
    }

    private async Task<List<string>> MessageIdsAsync(string subscription, int expected)
    {
        await using var receiver = Client.CreateReceiver("topic.1", subscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var messages = await TopicsRoutingTests.ReceiveAsync(receiver, expected);
        Assert.Empty(await receiver.ReceiveMessagesAsync(5, TimeSpan.FromMilliseconds(300)));
        return messages.Select(m => m.MessageId).ToList();
    }
}
