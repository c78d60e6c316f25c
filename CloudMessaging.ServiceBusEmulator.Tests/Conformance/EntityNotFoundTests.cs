using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class EntityNotFoundTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Sending_to_an_unknown_queue_raises_MessagingEntityNotFound()
    {
        await using var sender = fixture.Client.CreateSender("no-such-queue");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    [Fact]
    public async Task Receiving_from_an_unknown_queue_raises_MessagingEntityNotFound()
    {
        await using var receiver = fixture.Client.CreateReceiver("no-such-queue");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    [Fact]
    public async Task Peeking_an_unknown_queue_raises_MessagingEntityNotFound()
    {
        await using var receiver = fixture.Client.CreateReceiver("no-such-queue");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.PeekMessageAsync());

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }
}
