using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class DuplicateDetectionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Duplicate_message_id_inside_the_window_is_accepted_and_dropped()
    {
        var queue = fixture.CreateQueue("dup", q => q with { RequiresDuplicateDetection = true, DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(1) });
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "order-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("again") { MessageId = "order-1" });
        await sender.SendMessagesAsync([new ServiceBusMessage("other") { MessageId = "order-2" }, new ServiceBusMessage("dup") { MessageId = "order-2" }]);

        var bodies = await SendReceiveTests.ReceiveBodies(receiver, 2);
        Assert.Equal(["first", "other"], bodies);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Same_message_id_after_the_window_is_accepted_again()
    {
        var queue = fixture.CreateQueue("dupwin", q => q with { RequiresDuplicateDetection = true, DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMilliseconds(300) });
        await using var sender = fixture.Client.CreateSender(queue);
        var entity = fixture.Emulator.Namespace.FindEntity(queue)!;

        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("dropped") { MessageId = "same" });
        Assert.Equal(1, entity.MessageCount);

        // Resending is dropped until the window has passed, then accepted once.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (entity.MessageCount < 2 && DateTime.UtcNow < deadline)
        {
            await sender.SendMessageAsync(new ServiceBusMessage("again") { MessageId = "same" });
        }

        Assert.Equal(2, entity.MessageCount);
    }

    [Fact]
    public async Task Without_duplicate_detection_every_message_is_kept()
    {
        var queue = fixture.CreateQueue("nodup");
        await using var sender = fixture.Client.CreateSender(queue);

        await sender.SendMessageAsync(new ServiceBusMessage("a") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("b") { MessageId = "same" });

        Assert.Equal(2, fixture.Emulator.Namespace.FindEntity(queue)!.MessageCount);
    }
}
