using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class SendReceiveTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Sent_message_is_received_with_broker_properties_and_completed()
    {
        var queue = fixture.CreateQueue("basic");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        await sender.SendMessageAsync(new ServiceBusMessage("hello") { MessageId = "m1", Subject = "greeting" });
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(received);
        Assert.Equal("hello", received.Body.ToString());
        Assert.Equal("m1", received.MessageId);
        Assert.Equal("greeting", received.Subject);
        Assert.Equal(1, received.SequenceNumber);
        Assert.Equal(1, received.DeliveryCount);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        Assert.True(received.EnqueuedTime > DateTimeOffset.UtcNow.AddMinutes(-1));

        await receiver.CompleteMessageAsync(received);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
    }
}
