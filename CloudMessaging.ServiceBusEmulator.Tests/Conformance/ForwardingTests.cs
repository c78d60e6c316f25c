using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class ForwardingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ForwardTo_moves_every_message_to_the_target_queue()
    {
        var target = fixture.CreateQueue("fwdtarget");
        var source = fixture.CreateQueue("fwdsource", q => q with { ForwardTo = target });
        await using var sender = fixture.Client.CreateSender(source);
        await using var targetReceiver = fixture.Client.CreateReceiver(target);

        await sender.SendMessageAsync(new ServiceBusMessage("routed") { MessageId = "r1", ApplicationProperties = { ["k"] = 7 } });

        var received = await targetReceiver.ReceiveMessageAsync(Wait);
        Assert.Equal("routed", received.Body.ToString());
        Assert.Equal("r1", received.MessageId);
        Assert.Equal(7, received.ApplicationProperties["k"]);
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(source)!.MessageCount);
    }

    [Fact]
    public async Task ForwardDeadLetteredMessagesTo_routes_dead_letters_to_the_target()
    {
        var target = fixture.CreateQueue("dlfwdtarget");
        var source = fixture.CreateQueue("dlfwdsource", q => q with { ForwardDeadLetteredMessagesTo = target });
        await using var sender = fixture.Client.CreateSender(source);
        await using var receiver = fixture.Client.CreateReceiver(source);
        await using var targetReceiver = fixture.Client.CreateReceiver(target);
        await using var ownDeadLetters = fixture.Client.CreateReceiver(source, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessageAsync(new ServiceBusMessage("bad"));

        await receiver.DeadLetterMessageAsync(await receiver.ReceiveMessageAsync(Wait), "Invalid", "bad payload");

        var forwarded = await targetReceiver.ReceiveMessageAsync(Wait);
        Assert.Equal("bad", forwarded.Body.ToString());
        Assert.Equal("Invalid", forwarded.DeadLetterReason);
        Assert.Null(await ownDeadLetters.PeekMessageAsync());
    }
}
