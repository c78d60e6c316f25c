using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class PeekTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Peek_pages_from_a_sequence_number_without_locking()
    {
        var queue = fixture.CreateQueue("peek");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessagesAsync(Enumerable.Range(0, 10).Select(i => new ServiceBusMessage($"m{i}") { MessageId = $"id{i}" }));

        var firstPage = await receiver.PeekMessagesAsync(4);
        var secondPage = await receiver.PeekMessagesAsync(4);
        var fromSeven = await receiver.PeekMessagesAsync(10, fromSequenceNumber: 7);

        Assert.Equal([1L, 2, 3, 4], firstPage.Select(m => m.SequenceNumber));
        Assert.Equal([5L, 6, 7, 8], secondPage.Select(m => m.SequenceNumber));
        Assert.Equal([7L, 8, 9, 10], fromSeven.Select(m => m.SequenceNumber));
        Assert.All(firstPage, m => Assert.Equal(0, m.DeliveryCount));
        Assert.Equal("id0", firstPage[0].MessageId);
        Assert.Equal("m0", firstPage[0].Body.ToString());

        // Peeking locked nothing: every message is still receivable, first delivery.
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, received.SequenceNumber);
        Assert.Equal(1, received.DeliveryCount);
    }

    [Fact]
    public async Task A_peek_for_more_than_a_thousand_messages_returns_a_thousand_and_the_next_peek_goes_on()
    {
        var queue = fixture.CreateQueue("peekcap");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessagesAsync(Enumerable.Range(0, 1200).Select(i => new ServiceBusMessage($"m{i}")));

        var first = await receiver.PeekMessagesAsync(5000);
        var rest = await receiver.PeekMessagesAsync(5000);

        Assert.Equal(1000, first.Count);
        Assert.Equal(Enumerable.Range(1001, 200).Select(n => (long)n), rest.Select(m => m.SequenceNumber));
    }

    [Fact]
    public async Task A_peek_stops_adding_large_messages_past_four_mebibytes()
    {
        var queue = fixture.CreateQueue("peekbytes");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        for (var i = 0; i < 24; i++)
        {
            await sender.SendMessageAsync(new ServiceBusMessage(new byte[200 * 1024]));
        }

        var first = await receiver.PeekMessagesAsync(24);

        Assert.InRange(first.Count, 1, 20);
        Assert.Equal(24 - first.Count, (await receiver.PeekMessagesAsync(24)).Count);
    }

    [Fact]
    public async Task Peek_on_an_empty_queue_returns_nothing()
    {
        var queue = fixture.CreateQueue("peekempty");
        await using var receiver = fixture.Client.CreateReceiver(queue);

        Assert.Null(await receiver.PeekMessageAsync());
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task A_management_link_keeps_answering_past_its_initial_credit()
    {
        // Each peek is one request on the receiver's $management link; the link is granted 1,000 credits at attach.
        const int Requests = 2_500;
        var queue = fixture.CreateQueue("peekmany");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("only"));

        for (var i = 0; i < Requests; i++)
        {
            var peeked = await receiver.PeekMessageAsync(fromSequenceNumber: 1);
            Assert.Equal(1, peeked.SequenceNumber);
        }
    }
}
