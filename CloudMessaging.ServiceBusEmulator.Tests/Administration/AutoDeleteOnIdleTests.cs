using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using CloudMessaging.ServiceBusEmulator.Tests.Conformance;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

public sealed class AutoDeleteOnIdleTests
{
    [Fact]
    public async Task Idle_entities_are_deleted_and_used_ones_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions { Port = 0, TimeProvider = clock });
        var admin = AdministrationFixture.CreateAdmin(emulator.ConnectionString);
        await using var client = new ServiceBusClient(emulator.ConnectionString, EmulatorFixture.DefaultClientOptions());
        var idle = TimeSpan.FromMinutes(5);
        await admin.CreateQueueAsync(new CreateQueueOptions("idle-queue") { AutoDeleteOnIdle = idle });
        await admin.CreateQueueAsync(new CreateQueueOptions("busy-queue") { AutoDeleteOnIdle = idle });
        await admin.CreateTopicAsync("kept-topic");
        await admin.CreateSubscriptionAsync(new CreateSubscriptionOptions("kept-topic", "idle-sub") { AutoDeleteOnIdle = idle });
        Assert.Equal(idle, (await admin.GetQueueAsync("idle-queue")).Value.AutoDeleteOnIdle);
        await using var sender = client.CreateSender("busy-queue");

        clock.Advance(TimeSpan.FromMinutes(3));
        await sender.SendMessageAsync(new ServiceBusMessage("keeps it in use"));
        clock.Advance(TimeSpan.FromMinutes(3));

        Assert.False(await admin.QueueExistsAsync("idle-queue"));
        Assert.True(await admin.QueueExistsAsync("busy-queue"));
        Assert.False(await admin.SubscriptionExistsAsync("kept-topic", "idle-sub"));
        Assert.True(await admin.TopicExistsAsync("kept-topic"));
    }
}
