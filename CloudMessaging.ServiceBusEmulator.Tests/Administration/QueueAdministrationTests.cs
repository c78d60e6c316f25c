using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

public sealed class QueueAdministrationTests(AdministrationFixture fixture) : IClassFixture<AdministrationFixture>
{
    [Fact]
    public async Task Created_queue_is_read_back_with_its_properties_and_used_at_once()
    {
        var name = AdministrationFixture.UniqueName("adm-q");
        var created = await fixture.Admin.CreateQueueAsync(new CreateQueueOptions(name)
        {
            LockDuration = TimeSpan.FromSeconds(45),
            MaxDeliveryCount = 4,
            MaxSizeInMegabytes = 2048,
            DefaultMessageTimeToLive = TimeSpan.FromHours(3),
            DeadLetteringOnMessageExpiration = true,
            UserMetadata = "owned by tests",
            EnableBatchedOperations = false,
        });

        Assert.Equal(name, created.Value.Name);
        var read = (await fixture.Admin.GetQueueAsync(name)).Value;
        Assert.Equal(TimeSpan.FromSeconds(45), read.LockDuration);
        Assert.Equal(4, read.MaxDeliveryCount);
        Assert.Equal(2048, read.MaxSizeInMegabytes);
        Assert.Equal(TimeSpan.FromHours(3), read.DefaultMessageTimeToLive);
        Assert.True(read.DeadLetteringOnMessageExpiration);
        Assert.Equal("owned by tests", read.UserMetadata);
        Assert.False(read.EnableBatchedOperations);
        Assert.Equal(EntityStatus.Active, read.Status);
        Assert.True(await fixture.Admin.QueueExistsAsync(name));

        await using var sender = fixture.Client.CreateSender(name);
        await using var receiver = fixture.Client.CreateReceiver(name);
        await sender.SendMessageAsync(new ServiceBusMessage("hello"));
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("hello", message.Body.ToString());
        Assert.InRange(message.LockedUntil - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(46));
    }

    [Fact]
    public async Task Namespace_properties_are_served()
    {
        var properties = (await fixture.Admin.GetNamespacePropertiesAsync()).Value;

        Assert.Equal("sbemulatorns", properties.Name);
        Assert.Equal(MessagingSku.Standard, properties.MessagingSku);
    }
}
